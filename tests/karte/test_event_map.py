"""Events on the map: upcoming events on site per district at /karte/veranstaltungen/, with
the event list's filters, each district a link to the filtered list; online events and
events without a place in Saxony are counted in words, not drawn."""

import datetime

import pytest
from django.utils import timezone

from tests.karte.test_space_map import table_counts
from tests.veranstaltungen.factories import EventFactory
from veranstaltungen.models import Event
from veranstaltungen.places import municipality_for
from verbaende.models import Association, Municipality

MAP = "/karte/veranstaltungen/"


@pytest.fixture
def programme(reference_data):
    EventFactory(city="Chemnitz")
    EventFactory(city="Leipzig-Plagwitz", kind=Event.Kind.NETWORKING, postal_code="04229")
    EventFactory(city="Görlitz", association=Association.objects.get(slug="dresden"))
    EventFactory(is_online=True, online_url="https://meet.example.org/x", city="")
    EventFactory(city="Wien")  # outside Saxony: no municipality
    past = timezone.now() - datetime.timedelta(days=3)
    EventFactory(city="Chemnitz", starts_at=past, ends_at=past + datetime.timedelta(hours=2))
    EventFactory(city="Chemnitz", status=Event.Status.DRAFT)


def test_the_map_counts_upcoming_events_on_site_per_district(
    client, programme, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12) as few:
        html = client.get(MAP).content.decode()

    counts = table_counts(html)
    assert counts["Chemnitz"] == 1
    assert counts["Leipzig"] == 1
    assert counts["Görlitz"] == 1
    assert counts["Dresden"] == 0
    assert "2 weitere Veranstaltungen finden online oder ohne Ort in Sachsen statt" in html

    for _ in range(5):
        EventFactory(city="Dresden")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert table_counts(client.get(MAP).content.decode())["Dresden"] == 5


def test_the_map_answers_the_lists_filters(client, programme):
    networking = table_counts(client.get(MAP + "?art=networking").content.decode())
    dresden = table_counts(client.get(MAP + "?verband=dresden").content.decode())

    assert networking == {**dict.fromkeys(networking, 0), "Leipzig": 1}
    assert dresden["Görlitz"] == 1 and dresden["Chemnitz"] == 0


def test_each_district_links_to_the_filtered_event_list(client, programme):
    html = client.get(MAP + "?art=workshop&kreis=chemnitz").content.decode()

    assert 'href="/veranstaltungen/?art=workshop&amp;kreis=goerlitz"' in html
    assert 'aria-current="true"' in html
    listed = client.get("/veranstaltungen/", {"art": "workshop", "kreis": "goerlitz"})
    assert [event.city for event in listed.context["events"]] == ["Görlitz"]


def test_the_event_list_filters_by_district_and_links_to_the_map(client, programme):
    response = client.get("/veranstaltungen/", {"kreis": "leipzig"})
    html = response.content.decode()

    assert [event.city for event in response.context["events"]] == ["Leipzig-Plagwitz"]
    counts = {option.value: option.count for option in response.context["district_options"]}
    assert counts["chemnitz"] == 1 and counts["goerlitz"] == 1
    assert 'href="/karte/veranstaltungen/?kreis=leipzig"' in html


@pytest.mark.parametrize(
    "query",
    [
        "?art=schloss&verband=atlantis&kreis=nirgendwo&seite=x",
        "?kreis=%00",
        "?ort=%00",
        "?art=" + "x" * 5000,
    ],
)
def test_bad_parameters_get_a_notice_not_an_error(client, programme, query):
    response = client.get(MAP + query)

    assert response.status_code == 200


def test_a_newly_published_event_shows_on_the_map_at_once(client, programme, settings):
    settings.PAGE_CACHE_SECONDS = 300
    assert table_counts(client.get(MAP).content.decode())["Görlitz"] == 1

    EventFactory(city="Görlitz")

    assert table_counts(client.get(MAP).content.decode())["Görlitz"] == 2


@pytest.mark.parametrize(
    ("city", "expected"),
    [
        ("Dresden", "dresden"),
        ("  dresden ", "dresden"),
        ("Leipzig-Plagwitz", "leipzig"),
        ("Chemnitz, Kaßberg", "chemnitz"),
        ("Annaberg-Buchholz", "annaberg-buchholz"),
        ("Atlantis", None),
        ("", None),
    ],
)
def test_the_city_typed_finds_its_municipality(reference_data, city, expected):
    found = municipality_for(city)

    assert (found.slug if found else None) == expected


def test_staff_choice_of_municipality_is_kept_and_online_events_have_none(reference_data):
    radebeul = Municipality.objects.get(slug="radebeul")
    event = EventFactory(city="Dresden-Kötzschenbroda", municipality=radebeul)
    assert event.municipality == radebeul

    event.is_online = True
    event.online_url = "https://meet.example.org/y"
    event.save()
    event.refresh_from_db()
    assert event.municipality is None
