"""RSS and Atom feeds of the news stream, read back with feedparser as a feed reader would."""

import feedparser
import pytest

from aktuelles.models import NewsItem, SuccessReport
from teilmaerkte.models import Submarket
from tests.aktuelles.news_data import article, success
from tests.factories import ProfileFactory
from verbaende.models import Municipality

pytestmark = pytest.mark.django_db

FEEDS = [
    "/aktuelles/feeds/alle.rss",
    "/aktuelles/feeds/alle.atom",
    "/aktuelles/feeds/verband/chemnitz.rss",
    "/aktuelles/feeds/verband/chemnitz.atom",
    "/aktuelles/feeds/teilmarkt/designwirtschaft.rss",
    "/aktuelles/feeds/teilmarkt/designwirtschaft.atom",
]


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, (url, parsed.get("bozo_exception"))
    return response, parsed


@pytest.mark.parametrize("url", FEEDS)
def test_every_feed_is_well_formed_and_carries_news_and_successes(client, reference_data, url):
    article(
        "chemnitz",
        days_ago=2,
        title="Netzwerk wächst",
        submarkets=[Submarket.objects.get(slug="designwirtschaft")],
    )
    success(ProfileFactory(name="Studio Kranich"), title="Red Dot für Leuchte")

    response, parsed = read(client, url)

    expected_type = "application/atom+xml" if url.endswith(".atom") else "application/rss+xml"
    assert response["Content-Type"].startswith(expected_type)
    assert parsed.version == ("atom10" if url.endswith(".atom") else "rss20")
    titles = [entry.title for entry in parsed.entries]
    assert titles == ["Studio Kranich: Red Dot für Leuchte", "Netzwerk wächst"]
    for entry in parsed.entries:
        assert entry.link.startswith("http://testserver/")
        assert entry.published_parsed is not None
        assert entry.id.startswith("kreativ-sachsen:")


def test_an_association_feed_leaves_out_other_regions(client, reference_data):
    article("chemnitz", title="Aus Chemnitz")
    article("leipzig", title="Aus Leipzig")
    leipzig = ProfileFactory(municipality=Municipality.objects.get(slug="leipzig"))
    success(leipzig, title="Leipziger Preis")

    _response, parsed = read(client, "/aktuelles/feeds/verband/chemnitz.rss")

    assert [entry.title for entry in parsed.entries] == ["Aus Chemnitz"]
    assert parsed.feed.title == "Aktuelles von Kreatives Chemnitz"


def test_unpublished_entries_never_reach_a_feed(client, reference_data):
    article(title="Entwurf", status=NewsItem.Status.DRAFT)
    article(title="Geplant", days_ago=-3)
    success(ProfileFactory(), title="Wartet", status=SuccessReport.Status.PENDING)

    _response, parsed = read(client, "/aktuelles/feeds/alle.atom")

    assert parsed.entries == []


def test_entry_ids_survive_a_new_title(client, reference_data):
    item = article(title="Erster Titel")
    _response, before = read(client, "/aktuelles/feeds/alle.rss")
    item.title = "Besserer Titel"
    item.save()

    _response, after = read(client, "/aktuelles/feeds/alle.rss")

    assert after.entries[0].title == "Besserer Titel"
    assert after.entries[0].id == before.entries[0].id


def test_markup_in_a_title_is_escaped_in_the_feed(client, reference_data):
    # The forms refuse tags; text that got in another way must still not become markup.
    NewsItem.objects.filter(pk=article(title="Platzhalter").pk).update(title="A & B <i>x</i>")

    response, parsed = read(client, "/aktuelles/feeds/alle.rss")

    assert b"<i>x</i>" not in response.content
    assert parsed.entries[0].title == "A & B <i>x</i>"


@pytest.mark.parametrize(
    "url", ["/aktuelles/feeds/verband/atlantis.rss", "/aktuelles/feeds/teilmarkt/nichts.atom"]
)
def test_a_feed_of_something_unknown_is_not_found(client, reference_data, url):
    assert client.get(url).status_code == 404


def test_the_english_feed_speaks_english(client, reference_data):
    _response, parsed = read(client, "/en/aktuelles/feeds/alle.rss")

    assert parsed.feed.title.startswith("News from Saxony's creative industries")
    assert parsed.feed.language == "en"


def test_the_submarket_page_announces_its_feed(client, reference_data):
    html = client.get("/teilmaerkte/designwirtschaft/").content.decode()

    assert 'href="/aktuelles/feeds/teilmarkt/designwirtschaft.rss"' in html
    assert 'href="/aktuelles/?teilmarkt=designwirtschaft"' in html
