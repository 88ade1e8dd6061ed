"""The profile-completeness hint: a pure score, shown on the member's overview with links to
the editor, and the editor's save bar that stays in reach."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from mitglieder.completeness import profile_completeness
from mitglieder.editor_sections import SECTIONS
from mitglieder.models import Profile

OVERVIEW = reverse("self_service:overview")


def bare_profile(**fields):
    """An unsaved profile with nothing filled in but what the test gives."""
    values = {"pk": 7, "name": "Leeres Atelier", "tagline": "", "description": "", "website": ""}
    values.update(fields)
    return Profile(**values)


def score(profile, discipline_count=0, link_count=0, gallery_count=0):
    return profile_completeness(
        profile,
        discipline_count=discipline_count,
        link_count=link_count,
        gallery_count=gallery_count,
    )


def test_an_empty_profile_scores_zero_and_lists_every_part():
    result = score(bare_profile())
    assert result.percent == 0
    assert len(result.missing) == 7
    assert not result.complete


def test_a_full_profile_scores_a_hundred():
    profile = bare_profile(
        image="profile-images/olga.png",
        tagline="Gestaltung aus Chemnitz.",
        description="Wir entwerfen Bücher.",
        municipality_id=1,
        website="https://example.org",
    )
    result = score(profile, discipline_count=2, link_count=0, gallery_count=3)
    assert result.percent == 100
    assert result.missing == ()
    assert result.complete


def test_only_the_portrait_missing_gives_eighty_percent_and_links_to_the_image_section():
    profile = bare_profile(
        tagline="Gestaltung aus Chemnitz.",
        description="Wir entwerfen Bücher.",
        municipality_id=1,
    )
    result = score(profile, discipline_count=1, link_count=1, gallery_count=1)
    assert result.percent == 80
    (missing,) = result.missing
    with translation.override("de"):
        assert str(missing.label) in {"a logo or portrait", "ein Logo oder Portrait"}
    image_section = reverse("self_service:section", kwargs={"pk": 7, "section": "bilder"})
    assert missing.url == image_section + "#id_image"


def test_links_alone_count_as_contact_and_whitespace_is_no_tagline():
    result = score(bare_profile(tagline="   "), link_count=1)
    assert result.percent == 15
    with translation.override("en"):
        labels = [str(part.label) for part in result.missing]
    assert "a short description" in labels
    assert "contact details or links" not in labels


def test_a_missing_gallery_links_to_the_gallery_page():
    result = score(bare_profile())
    urls = [part.url for part in result.missing]
    assert reverse("self_service:gallery", kwargs={"pk": 7}) in urls


@pytest.mark.django_db
def test_the_overview_shows_the_score_and_what_is_missing(client_for, owner, owned_profile):
    # The factory profile has tagline, description, a discipline, a place and an e-mail
    # address, but no portrait and no gallery: 65 %.
    html = client_for(owner).get(OVERVIEW).content.decode()
    assert "65 %" in html
    assert 'value="65"' in html
    images = reverse("self_service:section", kwargs={"pk": owned_profile.pk, "section": "bilder"})
    assert f'href="{images}#id_image"' in html
    assert reverse("self_service:gallery", kwargs={"pk": owned_profile.pk}) in html
    with translation.override("de"):
        expected = ngettext(
            "Your profile is %(percent)s %% complete: %(n)s part is missing.",
            "Your profile is %(percent)s %% complete: %(n)s parts are missing.",
            2,
        ) % {"percent": 65, "n": 2}
    assert expected in html


@pytest.mark.django_db
def test_the_overview_needs_the_same_queries_for_one_profile_and_for_three(
    client_for, owner, django_assert_num_queries
):
    from tests.factories import ProfileFactory

    client = client_for(owner)
    client.get(OVERVIEW)  # warm the session and caches
    with django_assert_num_queries(7) as one:
        client.get(OVERVIEW)
    for n in range(2):
        ProfileFactory(name=f"Zweitprofil {n}").owners.add(owner)
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(OVERVIEW)
    assert response.content.decode().count('class="completeness__meter"') == 3


@pytest.mark.django_db
def test_the_save_button_sits_in_a_sticky_bar(client_for, owner, owned_profile):
    for section in SECTIONS:
        html = client_for(owner).get(section.url(owned_profile)).content.decode()
        assert 'class="form-actions form-actions--sticky"' in html, section.slug


@pytest.mark.django_db
def test_the_editor_shows_the_score_too(client_for, owner, owned_profile):
    html = (
        client_for(owner)
        .get(reverse("self_service:section", kwargs={"pk": owned_profile.pk, "section": "kontakt"}))
        .content.decode()
    )
    assert 'value="65"' in html
    assert "/bearbeiten/bilder/#id_image" in html
