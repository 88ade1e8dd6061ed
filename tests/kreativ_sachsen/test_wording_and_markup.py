"""Language slips and markup details the issue of the public site listed: the empty choice of
selects, plurals, the names of associations and places, absolute hreflang links, machine
times without microseconds, compressed pages."""

import datetime
import gzip
import re

import pytest
from django.core.management import call_command
from django.template import Context, Template
from django.templatetags.static import static
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from tests.aktuelles.news_data import article
from tests.factories import ProfileFactory, discipline, place
from tests.veranstaltungen.factories import EventFactory


def german(msgid):
    with translation.override("de"):
        return gettext(msgid)


def text(response):
    return response.content.decode()


# --- The empty choice ------------------------------------------------------------------------


def test_the_place_select_of_the_member_editor_offers_a_german_empty_choice(client, owner):
    profile = owner.profiles.get()
    client.force_login(owner)
    basics = reverse("self_service:section", kwargs={"pk": profile.pk, "section": "grunddaten"})
    page = text(client.get(basics))
    assert f'<option value="">{german("Please choose")}</option>' in page
    assert "Select an option" not in page
    assert "---------" not in page


def test_the_admin_offers_a_german_empty_choice_for_actions_and_event_kinds(client, superuser):
    EventFactory()
    client.force_login(superuser)
    changelist = text(client.get("/admin/veranstaltungen/event/"))
    add_form = text(client.get("/admin/veranstaltungen/event/add/"))
    for page in (changelist, add_form):
        assert "Select an option" not in page
        assert "---------" not in page
    assert re.search(
        r'<select name="action"[^>]*>\s*<option value="" selected>' + german("Please choose"),
        changelist,
    )


def test_django_filter_selects_use_the_same_empty_choice(settings):
    from django_filters.conf import settings as filter_settings

    with translation.override("de"):
        assert str(filter_settings.EMPTY_CHOICE_LABEL) == german("Please choose")


# --- Plurals and wording -----------------------------------------------------------------------


def test_the_gallery_count_follows_the_maximum_for_its_plural(client, owner):
    profile = owner.profiles.get()
    client.force_login(owner)
    page = text(client.get(reverse("self_service:gallery", kwargs={"pk": profile.pk})))
    with translation.override("de"):
        expected = ngettext("%(count)s of %(max)s image", "%(count)s of %(max)s images", 12) % {
            "count": 0,
            "max": 12,
        }
    assert expected in page


def test_the_submarkets_page_explains_its_twelfth_card(client, reference_data):
    page = text(client.get("/teilmaerkte/"))
    assert page.count('<li class="tile">') == 12
    assert (
        german(
            "The cultural and creative industries in Germany are divided into eleven official "
            "submarkets; a twelfth, “Other”, gathers what fits none of them, such as festivals, "
            "cultural education and creative spaces. Members choose finer disciplines within them."
        )
        in page
    )


def test_a_profile_in_a_kreisfreie_stadt_names_its_place_once(client, reference_data):
    leipzig = ProfileFactory(municipality=place("leipzig"))
    markkleeberg = ProfileFactory(municipality=place("markkleeberg"))

    leipzig_page = text(client.get(leipzig.get_absolute_url()))
    markkleeberg_page = text(client.get(markkleeberg.get_absolute_url()))

    assert "Leipzig</a> (Leipzig)" not in leipzig_page
    assert re.search(r">Leipzig</a></dd>", leipzig_page)
    district = place("markkleeberg").district.name
    assert f">Markkleeberg</a> ({district})</dd>" in markkleeberg_page


def test_an_association_has_one_name_in_the_navigation_and_as_event_organiser(client, dresden):
    event = EventFactory(association=dresden)
    page = text(client.get(event.get_absolute_url()))
    nav = page.split('aria-label="' + german("Main navigation") + '"')[1].split("</nav>")[0]
    assert dresden.short_name in nav
    assert f">{dresden.short_name}</a></dd>" in page
    assert dresden.name != dresden.short_name
    assert dresden.name not in page.split("<main")[1].split("</main>")[0]


def test_an_empty_extra_link_row_is_not_marked_required(client, owner):
    profile = owner.profiles.get()
    client.force_login(owner)
    contact = reverse("self_service:section", kwargs={"pk": profile.pk, "section": "kontakt"})
    page = text(client.get(contact))
    links = page.split('id="links-title"')[1].split("</section>")[0]
    assert '<fieldset class="link-form">' in links
    assert german("required") not in links


# --- Markup ------------------------------------------------------------------------------------


def test_hreflang_links_are_absolute_addresses_of_the_site(client, settings, reference_data):
    settings.SITE_URL = "https://kreativ-sachsen.example"
    page = text(client.get("/mitglieder/"))
    assert (
        '<link rel="alternate" hreflang="de" href="https://kreativ-sachsen.example/mitglieder/">'
        in page
    )
    assert (
        '<link rel="alternate" hreflang="en" href="https://kreativ-sachsen.example/en/mitglieder/">'
        in page
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            datetime.datetime(2026, 5, 14, 19, 30, 5, 123456, tzinfo=datetime.UTC),
            "2026-05-14T21:30:05+02:00",
        ),
        (datetime.date(2026, 5, 14), "2026-05-14"),
        (None, ""),
    ],
)
def test_machine_times_have_no_microseconds(value, expected):
    template = Template("{% load machine_time %}{{ value|machine_time }}")
    with timezone.override("Europe/Berlin"):
        assert template.render(Context({"value": value})) == expected


def test_news_and_events_pages_give_their_times_without_microseconds(client, reference_data):
    news = article("dresden")
    event = EventFactory(starts_at=timezone.now() + datetime.timedelta(days=3, microseconds=7))
    for url in (news.get_absolute_url(), event.get_absolute_url()):
        for value in re.findall(r'<time datetime="([^"]*)"', text(client.get(url))):
            assert re.fullmatch(r"\d{4}-\d\d-\d\d(T\d\d:\d\d:\d\d[+-]\d\d:?\d\d)?", value), value


def test_no_form_on_the_lists_has_an_empty_action(client, reference_data):
    for url in ("/mitglieder/", "/aktuelles/", "/veranstaltungen/", "/"):
        assert 'action=""' not in text(client.get(url))


# --- Compression -------------------------------------------------------------------------------


def test_pages_come_gzip_compressed_to_browsers_that_accept_it(client, reference_data):
    ProfileFactory(municipality=place("chemnitz"), disciplines=[discipline("fotografie")])
    plain = client.get("/mitglieder/")
    compressed = client.get("/mitglieder/", headers={"accept-encoding": "gzip, br"})

    assert "Content-Encoding" not in plain
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    assert gzip.decompress(compressed.content).decode().startswith("<!doctype html>")
    assert len(compressed.content) < len(plain.content) / 2


def test_static_files_come_compressed_from_whitenoise(settings, tmp_path):
    # As in production: collectstatic with the compressing storage, whitenoise reading the
    # collected folder (the tests otherwise serve the source folders uncompressed).
    settings.STATIC_ROOT = tmp_path
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = False
    settings.WHITENOISE_AUTOREFRESH = False
    call_command("collectstatic", interactive=False, verbosity=0)

    response = Client().get(static("css/site.css"), headers={"accept-encoding": "gzip"})

    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    body = gzip.decompress(b"".join(response.streaming_content))
    assert b"--color-primary" in body
