"""The member editor in sections: each part of the profile is its own short page and saves
only its own fields; the editor's old address still opens it and still saves a whole form."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from mitglieder.editor_sections import SECTIONS, SECTIONS_BY_SLUG
from mitglieder.models import ProfileLink
from teilmaerkte.models import Discipline
from tests.profile_forms import edit_data

pytestmark = pytest.mark.django_db


def section_url(profile, slug):
    return reverse("self_service:section", kwargs={"pk": profile.pk, "section": slug})


def section_data(profile, slug, **changes):
    """What the browser posts from one section: its fields (and the links on Kontakt)."""
    data = edit_data(profile, **changes)
    kept = {"version", *SECTIONS_BY_SLUG[slug].fields}
    return {
        key: value
        for key, value in data.items()
        if key in kept or (slug == "kontakt" and key.startswith("links-"))
    }


@pytest.mark.parametrize(
    ("slug", "own_field", "foreign_field"),
    [
        ("grunddaten", "name", "tagline"),
        ("vorstellung", "description", "name"),
        ("disziplinen", "disciplines", "tagline"),
        ("kontakt", "website", "disciplines"),
        ("bilder", "image", "website"),
    ],
)
def test_each_section_shows_its_own_fields_only(
    client_for, owner, owned_profile, slug, own_field, foreign_field
):
    html = client_for(owner).get(section_url(owned_profile, slug)).content.decode()
    assert f'name="{own_field}"' in html
    assert f'name="{foreign_field}"' not in html


def test_the_tabs_name_every_section_and_the_gallery_and_mark_the_current_one(
    client_for, owner, owned_profile
):
    html = client_for(owner).get(section_url(owned_profile, "kontakt")).content.decode()
    nav = html.split('class="editor-nav"')[1].split("</nav>")[0]
    for section in SECTIONS:
        assert f'href="{section.url(owned_profile)}"' in nav
    assert reverse("self_service:gallery", kwargs={"pk": owned_profile.pk}) in nav
    assert nav.count('aria-current="page"') == 1
    assert f'<a href="{section_url(owned_profile, "kontakt")}" aria-current="page">' in nav


def test_the_gallery_page_carries_the_tabs_with_the_gallery_current(
    client_for, owner, owned_profile
):
    gallery = reverse("self_service:gallery", kwargs={"pk": owned_profile.pk})
    html = client_for(owner).get(gallery).content.decode()
    assert f'<a href="{gallery}" aria-current="page">' in html


def test_saving_the_introduction_keeps_disciplines_links_and_place(
    client_for, owner, owned_profile
):
    ProfileLink.objects.create(profile=owned_profile, kind="instagram", url="https://x.test/o")
    disciplines = set(owned_profile.disciplines.all())
    place = owned_profile.municipality_id
    data = section_data(owned_profile, "vorstellung", tagline="Bücher aus Chemnitz.")

    response = client_for(owner).post(section_url(owned_profile, "vorstellung"), data)

    assert response.status_code == 302
    assert response.url == section_url(owned_profile, "vorstellung")
    owned_profile.refresh_from_db()
    assert owned_profile.tagline == "Bücher aus Chemnitz."
    assert set(owned_profile.disciplines.all()) == disciplines
    assert owned_profile.municipality_id == place
    assert owned_profile.links.count() == 1


def test_save_and_go_on_opens_the_next_section(client_for, owner, owned_profile):
    data = section_data(owned_profile, "grunddaten", name="Atelier Olga & Co.") | {"continue": "1"}
    response = client_for(owner).post(section_url(owned_profile, "grunddaten"), data)
    assert response.url == section_url(owned_profile, "vorstellung")
    owned_profile.refresh_from_db()
    assert owned_profile.name == "Atelier Olga & Co."


def test_the_last_section_offers_no_next_step(client_for, owner, owned_profile):
    html = client_for(owner).get(section_url(owned_profile, "bilder")).content.decode()
    assert 'name="continue"' not in html
    first = client_for(owner).get(section_url(owned_profile, "grunddaten")).content.decode()
    assert 'name="continue"' in first


def test_disciplines_are_saved_from_their_own_section(client_for, owner, owned_profile):
    chosen = list(Discipline.objects.order_by("pk")[:2])
    data = section_data(owned_profile, "disziplinen", disciplines=[d.pk for d in chosen])
    response = client_for(owner).post(section_url(owned_profile, "disziplinen"), data)
    assert response.status_code == 302
    assert set(owned_profile.disciplines.all()) == set(chosen)


def test_a_section_without_disciplines_is_refused_with_its_own_error_only(
    client_for, owner, owned_profile
):
    before = set(owned_profile.disciplines.all())
    data = section_data(owned_profile, "disziplinen", disciplines=[])
    response = client_for(owner).post(section_url(owned_profile, "disziplinen"), data)
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"disciplines"}
    assert set(owned_profile.disciplines.all()) == before


def test_links_are_saved_from_the_contact_section(client_for, owner, owned_profile):
    data = section_data(
        owned_profile,
        "kontakt",
        website="https://atelier-olga.example",
        new_links=[("behance", "https://www.behance.net/olga")],
    )
    response = client_for(owner).post(section_url(owned_profile, "kontakt"), data)
    assert response.status_code == 302
    owned_profile.refresh_from_db()
    assert owned_profile.website == "https://atelier-olga.example"
    assert list(owned_profile.links.values_list("url", flat=True)) == [
        "https://www.behance.net/olga"
    ]


def test_a_stale_section_saves_nothing_and_keeps_the_input(client_for, owner, owned_profile):
    member = client_for(owner)
    first = section_data(owned_profile, "grunddaten", name="Erster Tab")
    second = section_data(owned_profile, "vorstellung", tagline="Zweiter Tab, alte Version")
    assert member.post(section_url(owned_profile, "grunddaten"), first).status_code == 302

    response = member.post(section_url(owned_profile, "vorstellung"), second)

    assert response.status_code == 200
    assert "Zweiter Tab, alte Version" in response.content.decode()
    owned_profile.refresh_from_db()
    assert owned_profile.name == "Erster Tab"
    assert owned_profile.tagline != "Zweiter Tab, alte Version"


def test_the_old_address_opens_the_first_section(client_for, owner, owned_profile):
    old = reverse("self_service:edit", kwargs={"pk": owned_profile.pk})
    response = client_for(owner).get(old)
    assert response.status_code == 302
    assert response.url == section_url(owned_profile, "grunddaten")


def test_a_whole_form_posted_to_the_old_address_is_still_saved(client_for, owner, owned_profile):
    """A tab opened before the editor had sections loses nothing."""
    old = reverse("self_service:edit", kwargs={"pk": owned_profile.pk})
    data = edit_data(owned_profile, name="Aus dem alten Tab", tagline="Auch das bleibt.")
    response = client_for(owner).post(old, data)
    assert response.status_code == 302
    owned_profile.refresh_from_db()
    assert (owned_profile.name, owned_profile.tagline) == ("Aus dem alten Tab", "Auch das bleibt.")


def test_an_unknown_section_is_404(client_for, owner, owned_profile):
    assert client_for(owner).get(section_url(owned_profile, "passwort")).status_code == 404


def test_the_message_after_saving_says_saved(client_for, owner, owned_profile):
    data = section_data(owned_profile, "grunddaten")
    response = client_for(owner).post(section_url(owned_profile, "grunddaten"), data)
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert message.startswith("Gespeichert")
