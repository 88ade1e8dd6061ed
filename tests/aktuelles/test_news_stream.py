"""/aktuelles/: the associations' news and members' successes in one stream."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aktuelles.models import NewsItem, SuccessReport
from mitglieder.models import Profile
from teilmaerkte.models import Submarket
from tests.aktuelles.news_data import article, success
from tests.factories import ProfileFactory
from tests.list_notices import notices
from verbaende.models import Municipality

pytestmark = pytest.mark.django_db


def titles(response):
    return [entry.title for entry in response.context["page"].object_list]


def test_the_stream_mixes_news_and_approved_successes_newest_first(client, reference_data):
    older = article("leipzig", days_ago=5, title="Ältere Meldung")
    newer = article("dresden", days_ago=1, title="Neue Meldung")
    prize = success(ProfileFactory(name="Studio Elster"), days_ago=3, title="Designpreis")

    response = client.get("/aktuelles/")

    assert response.status_code == 200
    assert titles(response) == [newer.title, prize.title, older.title]
    html = response.content.decode()
    assert "Erfolgsmeldung" in html and "Studio Elster" in html
    assert f'href="{prize.get_absolute_url()}"' in html


def test_drafts_scheduled_news_and_unapproved_successes_stay_out(client, reference_data):
    article(title="Entwurf", status=NewsItem.Status.DRAFT)
    article(title="Geplant", days_ago=-2)
    profile = ProfileFactory()
    success(profile, title="Wartet noch", status=SuccessReport.Status.PENDING)
    success(profile, title="Abgelehnt", status=SuccessReport.Status.REJECTED)
    hidden = ProfileFactory(status=Profile.Status.HIDDEN)
    success(hidden, title="Auf verborgenem Profil")

    response = client.get("/aktuelles/")

    assert titles(response) == []
    assert "Noch keine Meldungen" in response.content.decode()


def test_a_scheduled_article_appears_when_its_time_has_come(client, reference_data):
    scheduled = article(title="Später", days_ago=-1)
    assert client.get(scheduled.get_absolute_url()).status_code == 404

    NewsItem.objects.filter(pk=scheduled.pk).update(
        publish_at=scheduled.publish_at.replace(year=2020)
    )

    assert client.get(scheduled.get_absolute_url()).status_code == 200
    assert titles(client.get("/aktuelles/")) == ["Später"]


def test_a_regional_stream_has_its_own_news_and_its_members_successes(client, reference_data):
    article("chemnitz", title="Chemnitz intern")
    article("leipzig", title="Leipzig intern")
    article("landesverband", title="Landesweit")
    success(ProfileFactory(), title="Erfolg in Chemnitz")  # Chemnitz is the factory's place
    leipzig = ProfileFactory(municipality=Municipality.objects.get(slug="leipzig"))
    success(leipzig, title="Erfolg in Leipzig")

    chemnitz = titles(client.get("/aktuelles/?verband=chemnitz"))
    state = titles(client.get("/aktuelles/?verband=landesverband"))

    assert sorted(chemnitz) == ["Chemnitz intern", "Erfolg in Chemnitz"]
    # The Landesverband speaks for every member: its stream carries all successes.
    assert sorted(state) == ["Erfolg in Chemnitz", "Erfolg in Leipzig", "Landesweit"]


def test_the_submarket_filter_uses_the_articles_and_the_members_submarkets(client, reference_data):
    design = Submarket.objects.get(slug="designwirtschaft")
    music = Submarket.objects.get(slug="musikwirtschaft")
    article(title="Für Gestalter", submarkets=[design])
    article(title="Für Musiker", submarkets=[music])
    success(ProfileFactory(), title="Designerfolg")  # kommunikationsdesign → Designwirtschaft

    assert sorted(titles(client.get("/aktuelles/?teilmarkt=designwirtschaft"))) == [
        "Designerfolg",
        "Für Gestalter",
    ]


@pytest.mark.parametrize(
    ("query", "value", "filter_label"),
    [
        ("verband=atlantis", "atlantis", "Verband"),
        ("teilmarkt=%3Cscript%3E", "<script>", "Teilmarkt"),
    ],
)
def test_unknown_filters_are_explained_and_ignored(
    client, reference_data, query, value, filter_label
):
    article(title="Trotzdem sichtbar")

    response = client.get(f"/aktuelles/?{query}")

    assert response.status_code == 200
    [notice] = notices(response)
    assert value in notice and filter_label in notice
    assert titles(response) == ["Trotzdem sichtbar"]


def test_a_valid_filter_still_applies_next_to_an_ignored_one(client, reference_data):
    article("dresden", title="Aus Dresden")
    article("leipzig", title="Aus Leipzig")

    response = client.get("/aktuelles/?verband=dresden&teilmarkt=alchemie")

    assert titles(response) == ["Aus Dresden"]
    [notice] = notices(response)
    assert "alchemie" in notice and "Teilmarkt" in notice
    assert '<option value="dresden" selected>' in response.content.decode()


@pytest.mark.parametrize(
    ("page", "message"),
    [
        ("abc", "„abc“ ist keine Seitenzahl. Dies ist die erste Seite."),
        ("-3", "„-3“ ist keine Seitenzahl. Dies ist die erste Seite."),
        ("1.5", "„1.5“ ist keine Seitenzahl. Dies ist die erste Seite."),
        ("999", "Eine Seite 999 gibt es nicht. Dies ist Seite 1, die letzte."),
    ],
)
def test_odd_page_numbers_show_a_real_page_and_say_so(client, reference_data, page, message):
    article(title="Einzige Meldung")

    response = client.get(f"/aktuelles/?seite={page}")

    assert response.status_code == 200
    assert titles(response) == ["Einzige Meldung"]
    assert notices(response) == [message]


def test_a_page_number_with_a_control_character_shows_the_first_page(client, reference_data):
    article(title="Einzige Meldung")

    response = client.get("/aktuelles/?seite=%00")

    assert titles(response) == ["Einzige Meldung"]
    assert "\x00" not in response.content.decode()
    assert notices(response) == [
        "„\N{REPLACEMENT CHARACTER}“ ist keine Seitenzahl. Dies ist die erste Seite."
    ]


def test_pages_do_not_overlap_and_keep_the_filter(client, reference_data):
    for day in range(15):
        article("dresden", days_ago=day + 1, title=f"Dresden {day:02d}")
    article("leipzig", title="Leipzig")

    first = client.get("/aktuelles/?verband=dresden")
    second = client.get("/aktuelles/?verband=dresden&seite=2")

    assert len(titles(first)) == 12 and len(titles(second)) == 3
    assert not set(titles(first)) & set(titles(second))
    assert 'href="?verband=dresden&amp;seite=2"' in first.content.decode()


def test_the_stream_needs_the_same_queries_for_few_and_many_entries(client, reference_data):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/aktuelles/").status_code == 200
        return len(captured)

    article(title="Eins")
    success(ProfileFactory(), title="Zwei")
    queries()  # the first request also fills the per-process caches of the page frame
    few = queries()
    for day in range(10):
        article(days_ago=day + 2)
        success(ProfileFactory(), days_ago=day + 2)

    # Filter options (associations, submarkets), count, page rows, articles, reports.
    assert few == queries() == 6


def test_the_article_page_shows_the_text_safely_with_its_metadata(client, reference_data):
    item = article(
        "leipzig",
        title="Räume für Kreative",
        body="## Bewerbung\n\nBis **Freitag** [hier](https://example.org) bewerben.",
        submarkets=[Submarket.objects.get(slug="musikwirtschaft")],
    )

    response = client.get(item.get_absolute_url())

    html = response.content.decode()
    assert "<h2>Bewerbung</h2>" in html and "<strong>Freitag</strong>" in html
    assert '"@type": "NewsArticle"' in html
    assert 'property="og:type" content="article"' in html
    assert 'href="/aktuelles/?teilmarkt=musikwirtschaft"' in html
    assert 'type="application/rss+xml"' in html
    assert "/aktuelles/feeds/verband/leipzig.rss" in html


def test_a_draft_article_does_not_exist_for_the_public(client, reference_data):
    draft = article(status=NewsItem.Status.DRAFT)

    assert client.get(draft.get_absolute_url()).status_code == 404


def test_home_and_association_pages_show_their_latest_news(client, reference_data):
    article("chemnitz", title="Aus Chemnitz")
    article("dresden", title="Aus Dresden")

    home = client.get("/").content.decode()
    chemnitz = client.get("/verbaende/chemnitz/").content.decode()

    assert "Aus Chemnitz" in home and "Aus Dresden" in home
    assert "Aus Chemnitz" in chemnitz and "Aus Dresden" not in chemnitz
    assert 'href="/aktuelles/?verband=chemnitz"' in chemnitz
    assert "/aktuelles/feeds/alle.atom" in home


def test_the_sitemap_lists_published_articles_only(client, reference_data):
    public = article(title="Öffentlich")
    draft = article(title="Nicht öffentlich", status=NewsItem.Status.DRAFT)

    sitemap = client.get("/sitemap.xml").content.decode()

    assert public.get_absolute_url() in sitemap
    assert draft.get_absolute_url() not in sitemap
