"""Profiles worth sharing: gallery links, link icons, a contact path, share links, print."""

import html as html_module
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import translation
from django.utils.translation import gettext

from mitglieder.models import GalleryImage, Profile, ProfileLink
from mitglieder.sharing import mastodon_server, website_domain
from mitglieder.templatetags.profile_page import LINK_ICONS
from tests.factories import ProfileFactory, UserFactory
from tests.mitglieder.test_profile_page import jpeg_bytes

SPRITE = Path(settings.BASE_DIR) / "static" / "img" / "icons.svg"


def page(client, profile, prefix=""):
    response = client.get(f"{prefix}/mitglieder/{profile.slug}/")
    assert response.status_code == 200
    return response.content.decode()


def hrefs(html, attribute, value):
    """The unescaped href of every <a> carrying `attribute="value"`."""
    found = re.findall(rf'<a [^>]*href="([^"]*)"[^>]*{attribute}="{value}"', html)
    return [html_module.unescape(href) for href in found]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


# Gallery


def test_each_gallery_image_links_to_its_largest_rendition(
    client, reference_data, media, django_capture_on_commit_callbacks
):
    profile = ProfileFactory()
    with django_capture_on_commit_callbacks(execute=True):
        wide = GalleryImage.objects.create(
            profile=profile,
            image=ContentFile(jpeg_bytes(2000, 1000), name="plakat.jpg"),
            alt_text="Plakat für ein Sommerfestival",
        )
        small = GalleryImage.objects.create(
            profile=profile,
            image=ContentFile(jpeg_bytes(700, 700), name="vase.jpg"),
            alt_text="Eine Vase",
            position=1,
        )
    html = page(client, profile)
    links = re.findall(r'<a class="gallery__link" href="([^"]+)" data-gallery-item>(.*?)</a>', html)
    assert [href for href, _ in links] == [
        settings.MEDIA_URL + wide.renditions[-1]["name"],
        settings.MEDIA_URL + small.renditions[-1]["name"],
    ]
    assert links[0][0].endswith("-1440.webp") and links[1][0].endswith("-700.webp")
    # The link is named by the image it shows.
    assert 'alt="Plakat für ein Sommerfestival"' in links[0][1]
    # The dialog's texts come translated with the page; the counter counts this gallery.
    with translation.override("de"):
        counter = translation.ngettext(
            "Image {position} of %(count)s", "Image {position} of %(count)s", 2
        ) % {"count": 2}
    assert f'data-label-counter="{counter}"' in html
    assert "/static/js/profile.js" in html


# Links and their icons


def sprite_symbols():
    return set(re.findall(r'<symbol id="([^"]+)"', SPRITE.read_text()))


def test_the_icon_sprite_has_a_symbol_for_every_kind_of_link_and_action():
    needed = set(LINK_ICONS.values()) | {"globe", "phone", "mail", "copy", "close"}
    assert needed <= sprite_symbols()


def test_the_issue_s_networks_are_all_kinds_of_link():
    wanted = {"instagram", "linkedin", "behance", "vimeo", "youtube", "mastodon", "bluesky"}
    assert wanted | {"soundcloud", "bandcamp"} <= set(ProfileLink.Kind.values)


@pytest.mark.parametrize("kind", [kind for kind in ProfileLink.Kind if kind != "other"])
def test_every_link_shows_its_icon_and_is_named_by_its_service(client, reference_data, kind):
    profile = ProfileFactory()
    ProfileLink.objects.create(profile=profile, kind=kind, url="https://example.net/studio")
    html = page(client, profile)
    link = re.search(rf'<a [^>]*data-link-kind="{kind.value}">(.*?)</a>', html).group(1)
    icon = re.search(r'<svg class="icon" aria-hidden="true" focusable="false".*?</svg>', link)
    assert re.search(rf'<use href="[^"]*icons\.svg#{kind.value}">', icon.group(0))
    # The accessible name is the visible text after the hidden icon.
    assert re.sub(r"<svg.*?</svg>|<[^>]+>", "", link).strip() == kind.label


def test_an_other_link_is_named_by_its_domain(client, reference_data):
    profile = ProfileFactory()
    ProfileLink.objects.create(profile=profile, kind="other", url="https://www.shop.example/a/")
    html = page(client, profile)
    link = re.search(r'<a [^>]*data-link-kind="other">(.*?)</a>', html).group(1)
    assert "icons.svg#link" in link
    assert re.sub(r"<svg.*?</svg>|<[^>]+>", "", link).strip() == "shop.example/a"


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://www.studio-beispiel.de/", "studio-beispiel.de"),
        ("http://studio-beispiel.de", "studio-beispiel.de"),
        ("https://STUDIO-Beispiel.de", "studio-beispiel.de"),
        ("https://example.org/portfolio/", "example.org/portfolio"),
        ("https://www.example.org/?ref=x", "example.org"),
        ("not a url", "not a url"),
    ],
)
def test_a_website_is_shown_as_people_say_it(url, shown):
    assert website_domain(url) == shown


def test_the_website_is_shown_by_its_domain_with_an_accessible_name(client, reference_data):
    profile = ProfileFactory(website="https://www.studio-beispiel.de/")
    html = page(client, profile)
    link = re.search(r'<a ([^>]*)data-link-kind="website">(.*?)</a>', html)
    assert 'href="https://www.studio-beispiel.de/"' in link.group(1)
    text = re.sub(r"<svg.*?</svg>|<[^>]+>", "", link.group(2)).strip()
    with translation.override("de"):
        assert text == f"{gettext('Website')}: studio-beispiel.de"
    assert 'class="visually-hidden"' in link.group(2)


# A contact path on every profile


def fallback_sentence(profile):
    with translation.override("de"):
        return gettext(
            "This member can be reached through their association, %(association)s: "
            "it passes on your request."
        ) % {"association": profile.association.short_name}


def test_a_profile_nobody_receives_messages_for_offers_its_association(client, reference_data):
    # An address typed in but never confirmed receives nothing, so it is no contact path.
    profile = ProfileFactory(contact_email="unbestaetigt@example.org")
    html = page(client, profile)
    assert f'action="/mitglieder/{profile.slug}/kontakt/"' not in html  # no relay form
    assert fallback_sentence(profile) in html
    assert 'href="mailto:info@kreatives-chemnitz.de"' in html
    assert 'href="https://www.kreatives-chemnitz.de"' in html
    assert 'href="/verbaende/chemnitz/"' in html
    assert "unbestaetigt@example.org" not in html


def test_the_fallback_follows_the_profile_s_own_association(client, reference_data):
    profile = ProfileFactory(
        municipality=Profile.municipality.field.related_model.objects.get(slug="leipzig")
    )
    html = page(client, profile)
    assert 'href="mailto:info@kreatives-leipzig.de"' in html
    assert "kreatives-chemnitz" not in html


def test_a_member_with_an_active_editor_gets_the_relay_form_instead(client, reference_data):
    profile = ProfileFactory()
    profile.owners.add(UserFactory(email="editor@example.org"))
    html = page(client, profile)
    assert f'action="/mitglieder/{profile.slug}/kontakt/"' in html
    assert fallback_sentence(profile) not in html
    assert "editor@example.org" not in html


# Share links


def test_share_links_carry_the_profile_address_correctly_encoded(client, reference_data):
    profile = ProfileFactory(name="Müller & Söhne: Ton+Licht")
    html = page(client, profile)
    address = settings.SITE_URL + f"/mitglieder/{profile.slug}/"
    assert f'value="{address}" readonly' in html

    (mailto,) = hrefs(html, "data-share", "email")
    parts = urlsplit(mailto)
    assert parts.scheme == "mailto" and parts.path == ""
    assert " " not in mailto and "+" not in parts.query.replace("%2B", "")
    query = parse_qs(parts.query)
    with translation.override("de"):
        subject = gettext("%(name)s at Kreativ Sachsen") % {"name": profile.name}
    assert query == {"subject": [subject], "body": [address]}

    (linkedin,) = hrefs(html, "data-share", "linkedin")
    parts = urlsplit(linkedin)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == (
        "https://www.linkedin.com/sharing/share-offsite/"
    )
    assert parse_qs(parts.query) == {"url": [address]}


def test_share_links_load_nothing_from_other_hosts(client, reference_data):
    html = page(client, ProfileFactory())
    # Links only: no script, image, frame or stylesheet from LinkedIn or Mastodon.
    assert not re.search(r'<(script|img|iframe|link)[^>]+(src|href)="https?://(?!testserver)', html)


def test_the_copy_button_enhances_a_read_only_field(client, reference_data):
    html = page(client, ProfileFactory())
    assert 'id="share-url"' in html and "readonly" in html
    # Hidden until the script shows it; its confirmation is announced in a live region.
    assert re.search(r'<button [^>]*data-copy-snippet="share-url" hidden>', html)
    assert re.search(r'<span role="status" data-copied-text="[^"]+">', html)
    assert "/static/js/copy-snippet.js" in html


def test_a_preview_of_a_draft_offers_no_share_links(client_for, owner, owned_profile):
    owned_profile.status = Profile.Status.DRAFT
    owned_profile.save()
    response = client_for(owner).get(f"/mein-profil/{owned_profile.pk}/vorschau/")
    assert response.status_code == 200
    assert 'id="share-title"' not in response.content.decode()


@pytest.mark.parametrize(
    ("typed", "server"),
    [
        ("mastodon.social", "mastodon.social"),
        ("  https://Chaos.Social/@anna ", "chaos.social"),
        ("@anna@chaos.social", "chaos.social"),
        ("anna@mastodon.online", "mastodon.online"),
        ("sächsische.example", "xn--schsische-v2a.example"),
        ("localhost", None),
        ("127.0.0.1", None),
        ("evil.example:8080", None),
        ("javascript:alert(1)", None),
        ("", None),
        ("a" * 300 + ".de", None),
    ],
)
def test_a_mastodon_server_is_read_from_what_people_type(typed, server):
    assert mastodon_server(typed) == server


def test_without_javascript_the_mastodon_form_leads_to_a_share_link(client, reference_data):
    profile = ProfileFactory(name="Müller & Söhne")
    response = client.get(
        f"/mitglieder/{profile.slug}/teilen/mastodon/", {"instanz": "@anna@chaos.social"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "noindex" in html
    (link,) = [
        html_module.unescape(href)
        for href in re.findall(r'href="(https://chaos\.social/[^"]*)"', html)
    ]
    parts = urlsplit(link)
    assert parts.path == "/share"
    with translation.override("de"):
        subject = gettext("%(name)s at Kreativ Sachsen") % {"name": profile.name}
    address = settings.SITE_URL + profile.get_absolute_url()
    assert parse_qs(parts.query) == {"text": [f"{subject} {address}"]}


@pytest.mark.parametrize("typed", ["localhost", "127.0.0.1", "javascript:alert(1)", ""])
def test_a_bad_mastodon_server_gets_a_clear_message_and_no_link(client, reference_data, typed):
    profile = ProfileFactory()
    response = client.get(f"/mitglieder/{profile.slug}/teilen/mastodon/", {"instanz": typed})
    assert response.status_code == 400
    html = response.content.decode()
    with translation.override("de"):
        message = gettext(
            "Please enter the address of your Mastodon server, for example mastodon.social."
        )
    if typed:
        assert message in html
    assert "/share?text=" not in html


def test_the_mastodon_page_without_a_server_asks_for_one(client, reference_data):
    profile = ProfileFactory()
    response = client.get(f"/mitglieder/{profile.slug}/teilen/mastodon/")
    assert response.status_code == 200
    assert 'name="instanz"' in response.content.decode()


@pytest.mark.parametrize("status", [Profile.Status.DRAFT, Profile.Status.HIDDEN])
def test_unpublished_profiles_cannot_be_shared(client, reference_data, status):
    profile = ProfileFactory(status=status)
    response = client.get(
        f"/mitglieder/{profile.slug}/teilen/mastodon/", {"instanz": "mastodon.social"}
    )
    assert response.status_code == 404


def test_the_mastodon_page_only_answers_get(client, reference_data):
    profile = ProfileFactory()
    response = client.post(f"/mitglieder/{profile.slug}/teilen/mastodon/", {"instanz": "x.de"})
    assert response.status_code == 405


# Print and cost


def test_the_profile_links_a_print_stylesheet(client, reference_data):
    html = page(client, ProfileFactory())
    assert re.search(r'<link rel="stylesheet" href="/static/css/print\.css" media="print">', html)
    assert '<link rel="stylesheet" href="/static/css/profile.css">' in html


def test_a_full_profile_page_still_needs_few_queries(
    client, reference_data, media, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    profile = ProfileFactory(website="https://www.studio-beispiel.de/")
    for kind in ("instagram", "mastodon", "bluesky"):
        ProfileLink.objects.create(profile=profile, kind=kind, url=f"https://{kind}.example/a")
    with django_capture_on_commit_callbacks(execute=True):
        for position in range(3):
            GalleryImage.objects.create(
                profile=profile,
                image=ContentFile(jpeg_bytes(900, 600), name="werk.jpg"),
                alt_text=f"Werk {position}",
                position=position,
            )
    # The same budget as the plain page (test_profile_page): the icons, the association's
    # contact and the share links cost no query of their own.
    # The profile page's budget (tests/mitglieder/test_profile_page.py), calls included.
    with django_assert_max_num_queries(7):
        html = page(client, profile)
    assert html.count("data-gallery-item") == 3
    assert fallback_sentence(profile) in html
