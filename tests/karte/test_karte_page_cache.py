"""Under the page cache a new member shows at once on the map and in the statistics."""

import re

import pytest

from mitglieder.models import Profile
from moderation import services
from tests.factories import ProfileFactory, UserFactory, place

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


def fetch(client, url):
    first, second = client.get(url), client.get(url)
    assert first["X-Page-Cache"] == "miss", url
    assert second["X-Page-Cache"] == "hit", url
    return second.content.decode()


def goerlitz_on_the_map(html):
    return int(re.search(r">Görlitz</a></th>\s*<td>[^<]*</td>\s*<td class=\"num\">(\d+)<", html)[1])


def goerlitz_in_the_statistics(html):
    return re.search(r"<th scope=\"row\">Görlitz</th><td class=\"num\">([^<]+)<", html)[1]


def test_a_published_member_shows_at_once_on_map_and_statistics(
    client, reference_data, django_capture_on_commit_callbacks
):
    ProfileFactory.create_batch(5, municipality=place("goerlitz"))
    staff = UserFactory(is_staff=True, is_superuser=True, email="staff@example.org")
    newcomer = ProfileFactory(municipality=place("goerlitz"), status=Profile.Status.IN_REVIEW)
    map_url, statistics_url = "/karte/?art=company", "/statistik/?verband=dresden"
    assert goerlitz_on_the_map(fetch(client, map_url)) == 5
    assert goerlitz_in_the_statistics(fetch(client, statistics_url)) == "5"
    lagebild = fetch(client, "/statistik/lagebild/kreis/goerlitz/")
    assert "<strong>5</strong>" in lagebild

    with django_capture_on_commit_callbacks(execute=True):
        services.approve(newcomer, staff)

    assert goerlitz_on_the_map(client.get(map_url).content.decode()) == 6
    assert goerlitz_in_the_statistics(client.get(statistics_url).content.decode()) == "6"
    lagebild = client.get("/statistik/lagebild/kreis/goerlitz/").content.decode()
    assert "<strong>6</strong>" in lagebild


def test_a_hidden_member_leaves_map_and_statistics_at_once(
    client, reference_data, django_capture_on_commit_callbacks
):
    profiles = ProfileFactory.create_batch(6, municipality=place("goerlitz"))
    assert goerlitz_on_the_map(fetch(client, "/karte/")) == 6
    fetch(client, "/statistik/")

    with django_capture_on_commit_callbacks(execute=True):
        profiles[0].listed_in_directory = False
        profiles[0].save()

    assert goerlitz_on_the_map(client.get("/karte/").content.decode()) == 5
    assert goerlitz_in_the_statistics(client.get("/statistik/").content.decode()) == "5"
