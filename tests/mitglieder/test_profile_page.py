import pytest

from mitglieder.models import Profile
from tests.factories import ProfileFactory, UserFactory


def test_a_published_profile_has_a_public_page(client, reference_data):
    profile = ProfileFactory(name="Studio Kranich", tagline="Bücher und Plakate aus Leipzig.")
    response = client.get(f"/mitglieder/{profile.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Studio Kranich" in html
    assert "Bücher und Plakate aus Leipzig." in html
    assert "Kommunikationsdesign" in html
    assert 'href="/sparten/designwirtschaft/"' in html


@pytest.mark.parametrize(
    "status", [Profile.Status.DRAFT, Profile.Status.IN_REVIEW, Profile.Status.HIDDEN]
)
def test_unpublished_profiles_do_not_exist_for_the_public(client, reference_data, status):
    profile = ProfileFactory(status=status)
    assert client.get(f"/mitglieder/{profile.slug}/").status_code == 404


def test_the_profile_page_never_shows_the_owners_email(client, reference_data):
    owner = UserFactory(email="anna.schulze@example.org")
    profile = ProfileFactory()
    profile.owners.add(owner)
    html = client.get(f"/mitglieder/{profile.slug}/").content.decode()
    assert "anna.schulze@example.org" not in html
    assert "@example.org" not in html


def test_markdown_in_the_description_is_rendered_inert(client, reference_data):
    profile = ProfileFactory(
        description=(
            "**Fett** <script>alert(1)</script> [x](javascript:alert(1)) "
            "<img src=x onerror=alert(1)>"
        )
    )
    html = client.get(f"/mitglieder/{profile.slug}/").content.decode()
    assert "<strong>Fett</strong>" in html
    assert "<script>alert" not in html
    assert "javascript:" not in html
    assert "onerror" not in html


def test_a_profile_page_needs_few_queries(client, reference_data, django_assert_max_num_queries):
    profile = ProfileFactory()
    with django_assert_max_num_queries(5):
        client.get(f"/mitglieder/{profile.slug}/")
