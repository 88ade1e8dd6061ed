import pytest

from mitglieder.models import Profile
from teilmaerkte.models import Discipline
from tests.factories import ProfileFactory


@pytest.fixture
def architects(reference_data):
    architecture = Discipline.objects.get(slug="architektur")
    ProfileFactory(name="Büro Elbhang", disciplines=[architecture])
    ProfileFactory(name="Entwurf Zwei", disciplines=[architecture], status=Profile.Status.DRAFT)
    ProfileFactory(name="Grafikhaus")


def test_the_overview_lists_all_twelve_submarkets_with_counts(client, architects):
    response = client.get("/teilmaerkte/")
    assert response.status_code == 200
    counts = {s.slug: s.member_count for s in response.context["submarkets"]}
    assert len(counts) == 12
    assert counts["architekturmarkt"] == 1
    assert counts["designwirtschaft"] == 1


def test_a_submarket_page_lists_its_published_members_only(client, architects):
    html = client.get("/teilmaerkte/architekturmarkt/").content.decode()
    assert "Büro Elbhang" in html
    assert "Entwurf Zwei" not in html
    assert "Grafikhaus" not in html
    assert "Landschaftsarchitektur" in html


@pytest.mark.parametrize("page", ["abc", "-1", "0", "99999", "1.5", "%00", "9" * 50])
def test_a_bad_page_number_shows_the_nearest_page(client, architects, page):
    response = client.get("/teilmaerkte/architekturmarkt/", {"seite": page})
    assert response.status_code == 200
    assert "Büro Elbhang" in response.content.decode()


def test_long_lists_are_paginated(client, reference_data):
    ProfileFactory.create_batch(30)
    first = client.get("/teilmaerkte/designwirtschaft/")
    assert len(first.context["page"].object_list) == 24
    second = client.get("/teilmaerkte/designwirtschaft/", {"seite": 2})
    assert len(second.context["page"].object_list) == 6


def test_a_submarket_page_needs_a_constant_number_of_queries(
    client, reference_data, django_assert_max_num_queries
):
    ProfileFactory.create_batch(30)
    client.get("/teilmaerkte/designwirtschaft/")  # fills the vocabulary cache
    with django_assert_max_num_queries(7):
        client.get("/teilmaerkte/designwirtschaft/", {"seite": 2})


def test_an_unknown_submarket_is_a_404(client, reference_data):
    assert client.get("/teilmaerkte/alchemie/").status_code == 404


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/sparten/", "/teilmaerkte/"),
        ("/sparten/designwirtschaft/?seite=2", "/teilmaerkte/designwirtschaft/?seite=2"),
        ("/en/sparten/designwirtschaft/", "/en/teilmaerkte/designwirtschaft/"),
    ],
)
def test_the_old_sparten_addresses_are_redirected_for_good(client, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new
