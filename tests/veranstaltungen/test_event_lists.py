import datetime as dt

import pytest
from django.utils import timezone

from tests.list_notices import notices
from tests.veranstaltungen.factories import EventFactory
from veranstaltungen.models import Event

UPCOMING = "/veranstaltungen/"
PAST = "/veranstaltungen/vergangene/"

DASH = "\N{EN DASH}"


def hours_from_now(hours):
    return timezone.now() + dt.timedelta(hours=hours)


@pytest.fixture
def programme(chemnitz, dresden, leipzig):
    """Split at the real "now": two events are over, two still to come (one already running),
    plus a draft that nobody may see."""
    return {
        "over": EventFactory(
            title="Sprechstunde von gestern",
            association=dresden,
            kind=Event.Kind.CONSULTATION,
            starts_at=hours_from_now(-26),
            ends_at=hours_from_now(-24),
        ),
        "just_over": EventFactory(
            title="Gerade zu Ende",
            starts_at=hours_from_now(-3),
            ends_at=hours_from_now(-1),
        ),
        "running": EventFactory(
            title="Läuft gerade",
            association=leipzig,
            kind=Event.Kind.NETWORKING,
            starts_at=hours_from_now(-1),
            ends_at=hours_from_now(1),
        ),
        "ahead": EventFactory(
            title="Salon im Kulturbüro",
            association=dresden,
            kind=Event.Kind.CONSULTATION_SALON,
            starts_at=hours_from_now(48),
            ends_at=hours_from_now(50),
        ),
        "draft": EventFactory(
            title="Geheimer Entwurf",
            status=Event.Status.DRAFT,
            starts_at=hours_from_now(24),
            ends_at=hours_from_now(26),
        ),
    }


def titles(response):
    return [event.title for event in response.context["events"]]


def test_the_upcoming_list_shows_what_has_not_ended_soonest_first(client, programme):
    response = client.get(UPCOMING)
    assert response.status_code == 200
    assert titles(response) == ["Läuft gerade", "Salon im Kulturbüro"]
    assert "2 kommende Veranstaltungen" in response.content.decode()


def test_the_past_list_shows_what_has_ended_latest_first(client, programme):
    response = client.get(PAST)
    assert titles(response) == ["Gerade zu Ende", "Sprechstunde von gestern"]
    assert "2 vergangene Veranstaltungen" in response.content.decode()


def test_drafts_appear_in_no_list(client, programme):
    for url in (UPCOMING, PAST):
        assert "Geheimer Entwurf" not in client.get(url).content.decode()


def test_the_lists_link_each_other_and_the_calendar(client, programme):
    upcoming = client.get(UPCOMING).content.decode()
    assert f'href="{PAST}"' in upcoming
    assert 'href="/veranstaltungen/kalender.ics"' in upcoming
    past = client.get(PAST, {"verband": "dresden"}).content.decode()
    assert f'href="{UPCOMING}?verband=dresden"' in past


def test_a_card_shows_date_kind_association_and_place(client, programme):
    EventFactory(
        title="Online-Sprechstunde",
        is_online=True,
        online_url="https://meet.example.org/raum",
        venue_name="",
        city="",
        starts_at=timezone.make_aware(dt.datetime(2030, 7, 2, 18, 0)),
        ends_at=timezone.make_aware(dt.datetime(2030, 7, 2, 20, 30)),
    )
    EventFactory(
        title="Werkschau",
        kind=Event.Kind.EXHIBITION,
        starts_at=timezone.make_aware(dt.datetime(2030, 3, 1, 11, 0)),
        ends_at=timezone.make_aware(dt.datetime(2030, 3, 3, 18, 0)),
    )
    html = client.get(UPCOMING).content.decode()
    assert f"Di., 2. Juli 2030, 18:00{DASH}20:30 Uhr" in html
    assert "Fr., 1. März 2030, 11:00 Uhr bis So., 3. März 2030, 18:00 Uhr" in html
    assert "Beratungssalon · Wir gestalten Dresden · Chemnitz" in html
    assert "Workshop · Kreatives Chemnitz · Online" in html


def test_a_cancelled_event_is_marked_in_the_list(client, programme):
    EventFactory(
        title="Fällt aus", is_cancelled=True, starts_at=hours_from_now(5), ends_at=hours_from_now(6)
    )
    html = client.get(UPCOMING).content.decode()
    assert "Fällt aus" in html
    assert '<span class="badge badge--cancelled">Abgesagt</span>' in html


def test_filtering_by_association_and_kind(client, programme):
    assert titles(client.get(UPCOMING, {"verband": "dresden"})) == ["Salon im Kulturbüro"]
    assert titles(client.get(UPCOMING, {"art": "networking"})) == ["Läuft gerade"]
    assert titles(client.get(PAST, {"verband": "dresden", "art": "consultation"})) == [
        "Sprechstunde von gestern"
    ]


def test_the_filter_options_carry_their_counts(client, programme):
    html = client.get(UPCOMING).content.decode()
    assert '<option value="dresden">Wir gestalten Dresden (1)</option>' in html
    assert '<option value="leipzig">Kreatives Leipzig (1)</option>' in html
    assert '<option value="chemnitz">Kreatives Chemnitz (0)</option>' in html
    assert '<option value="consultation_salon">Beratungssalon (1)</option>' in html
    filtered = client.get(UPCOMING, {"verband": "leipzig"}).content.decode()
    assert '<option value="leipzig" selected>Kreatives Leipzig (1)</option>' in filtered
    assert '<option value="consultation_salon">Beratungssalon (0)</option>' in filtered


def test_a_filtered_list_offers_the_associations_own_calendar(client, programme):
    html = client.get(UPCOMING, {"verband": "dresden"}).content.decode()
    assert 'href="/veranstaltungen/kalender/dresden.ics"' in html
    assert "Nur Wir gestalten Dresden (iCal)" in html
    assert "Verband: Wir gestalten Dresden" in html


def test_an_empty_result_explains_what_to_do(client, programme):
    response = client.get(UPCOMING, {"verband": "chemnitz", "art": "exhibition"})
    html = response.content.decode()
    assert titles(response) == []
    assert "0 kommende Veranstaltungen" in html
    assert "Keine kommende Veranstaltung passt zu diesen Filtern." in html
    assert "Veranstaltungen aller Verbände und Arten anzeigen" in html
    assert f'href="{PAST}?verband=chemnitz&amp;art=exhibition"' in html


def test_an_empty_programme_says_so(client, reference_data):
    html = client.get(UPCOMING).content.decode()
    assert "Zurzeit sind keine Veranstaltungen geplant." in html


@pytest.mark.parametrize(
    ("query", "value", "filter_label"),
    [
        ({"verband": "nonsense"}, "nonsense", "Verband"),
        ({"art": "party"}, "party", "Art der Veranstaltung"),
    ],
)
def test_an_unknown_filter_value_is_ignored_with_a_notice(
    client, programme, query, value, filter_label
):
    response = client.get(UPCOMING, query)
    assert response.status_code == 200
    [notice] = notices(response)
    assert value in notice and filter_label in notice
    assert titles(response) == ["Läuft gerade", "Salon im Kulturbüro"]
    assert response.context["chips"] == []


def test_a_valid_filter_still_applies_next_to_an_ignored_one(client, programme):
    response = client.get(UPCOMING, {"verband": "dresden", "art": "party"})
    assert titles(response) == ["Salon im Kulturbüro"]
    assert "party" in notices(response)[0]
    assert "Verband: Wir gestalten Dresden" in response.content.decode()


def test_a_long_ignored_value_is_quoted_shortened(client, programme):
    [notice] = notices(client.get(UPCOMING, {"verband": "x" * 5000}))
    assert "x" * 40 + "…" in notice
    assert "x" * 41 not in notice


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"seite": "abc"}, "„abc“ ist keine Seitenzahl. Dies ist die erste Seite."),
        ({"seite": "-3"}, "„-3“ ist keine Seitenzahl. Dies ist die erste Seite."),
        ({"seite": "0"}, "„0“ ist keine Seitenzahl. Dies ist die erste Seite."),
        ({"seite": "9999"}, "Eine Seite 9999 gibt es nicht. Dies ist Seite 1, die letzte."),
    ],
)
def test_an_impossible_page_number_gives_a_real_page_with_a_german_message(
    client, programme, query, message
):
    response = client.get(UPCOMING, query)
    assert response.status_code == 200
    assert notices(response) == [message]
    assert titles(response) == ["Läuft gerade", "Salon im Kulturbüro"]


@pytest.mark.parametrize(
    "query_string",
    [
        "verband=%ff",
        "verband=%00",
        "art=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "verband=" + "x" * 5000,
        "seite=1e9",
        "seite=99999999999999999999999",
        "seite[]=2&verband[]=dresden",
        "verband=dresden&verband=leipzig",
        "art=%E2%80%AE%F0%9F%98%80",
    ],
)
def test_garbage_in_the_query_string_never_breaks_the_page(client, programme, query_string):
    for url in (UPCOMING, PAST):
        response = client.get(f"{url}?{query_string}")
        assert response.status_code == 200
        assert "<script>alert(1)</script>" not in response.content.decode()


def test_twenty_events_per_page_with_links_that_keep_the_filter(client, chemnitz):
    for number in range(25):
        EventFactory(
            title=f"Termin {number:02d}",
            starts_at=hours_from_now(24 + number),
            ends_at=hours_from_now(25 + number),
        )
    first = client.get(UPCOMING, {"verband": "chemnitz"})
    assert len(titles(first)) == 20
    assert 'href="?verband=chemnitz&amp;seite=2"' in first.content.decode()
    second = client.get(UPCOMING, {"verband": "chemnitz", "seite": "2"})
    assert titles(second) == [f"Termin {number:02d}" for number in range(20, 25)]
    beyond = client.get(UPCOMING, {"seite": "7"})
    assert beyond.context["page"].number == 2
    assert "Eine Seite 7 gibt es nicht. Dies ist Seite 2, die letzte." in beyond.content.decode()


def test_the_english_list_is_in_english(client, programme):
    html = client.get("/en" + UPCOMING).content.decode()
    assert "2 upcoming events" in html
    assert "Consultation salon · Wir gestalten Dresden" in html


def test_a_list_needs_few_queries(client, programme, django_assert_max_num_queries):
    # The page, its count, four option counts (association, kind, district, place) and their
    # associations and districts, the chosen place: not one more for more events.
    with django_assert_max_num_queries(11):
        client.get(
            UPCOMING,
            {
                "verband": "dresden",
                "art": "consultation_salon",
                "kreis": "dresden",
                "ort": "dresden",
            },
        )


@pytest.mark.parametrize("path", [UPCOMING, PAST])
def test_links_with_the_old_german_kinds_are_redirected_for_good(client, path):
    response = client.get(path, {"verband": "dresden", "art": "netzwerktreffen", "seite": "2"})
    assert response.status_code == 301
    assert response["Location"] == f"{path}?verband=dresden&art=networking&seite=2"
