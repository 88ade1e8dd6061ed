import pytest
from django.utils import translation

from mitglieder.models import Profile
from tests.aktuelles.news_data import article, success
from tests.factories import ProfileFactory
from verbaende.models import Municipality


@pytest.fixture
def members(reference_data):
    ProfileFactory.create_batch(2, municipality=Municipality.objects.get(slug="chemnitz"))
    ProfileFactory(municipality=Municipality.objects.get(slug="plauen"))
    ProfileFactory(municipality=Municipality.objects.get(slug="leipzig"))
    ProfileFactory(status=Profile.Status.DRAFT, name="Noch Geheim")
    ProfileFactory(status=Profile.Status.HIDDEN, name="Ausgeblendet")


def test_home_introduces_the_three_regional_associations_with_founding_years(client, members):
    html = client.get("/").content.decode()
    for name, year in [
        ("Kreatives Chemnitz", 2013),
        ("Wir gestalten Dresden", 2012),
        ("Kreatives Leipzig", 2010),
    ]:
        assert name in html
        assert f"Gegründet {year}" in html


def test_home_counts_only_published_members_per_association(client, members):
    response = client.get("/")
    counts = {a.slug: a.member_count for a in response.context["regional_associations"]}
    # Plauen lies in the Vogtlandkreis, which belongs to Chemnitz.
    assert counts == {"chemnitz": 3, "dresden": 0, "leipzig": 1}
    assert response.context["state_association"].member_count == 4
    assert "3 Mitglieder" in response.content.decode()


def test_home_links_into_every_region_and_every_submarket(client, members):
    html = client.get("/").content.decode()
    for slug in ["chemnitz", "dresden", "leipzig"]:
        assert f'href="/verbaende/{slug}/"' in html
    for slug in ["designwirtschaft", "software-games", "architekturmarkt", "sonstige"]:
        assert f'href="/teilmaerkte/{slug}/"' in html


def test_home_lists_new_members_but_never_drafts(client, members):
    html = client.get("/").content.decode()
    assert "Atelier Beispiel" in html
    assert "Noch Geheim" not in html
    assert "Ausgeblendet" not in html


def test_home_needs_a_constant_number_of_queries(client, members, django_assert_num_queries):
    for number in range(5):
        profile = ProfileFactory()
        article(days_ago=number + 1)
        success(profile, days_ago=number + 1)
    client.get("/")  # fills the per-process caches of the page frame
    # Associations with counts, submarkets with counts, newest members and their places,
    # the news stream's rows, its articles, its success reports, the upcoming events.
    with django_assert_num_queries(7):
        client.get("/")


def test_home_is_german_at_the_root_and_english_under_en(client, reference_data):
    german = client.get("/").content.decode()
    assert '<html lang="de">' in german
    assert 'href="/en/"' in german
    english = client.get("/en/").content.decode()
    assert '<html lang="en">' in english
    assert "Browse by region" in english
    assert 'href="/"' in english
    translation.activate("de")
