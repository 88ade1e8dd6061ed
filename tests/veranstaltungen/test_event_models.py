import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from tests.veranstaltungen.factories import EventFactory, berlin
from veranstaltungen.models import Event

NOW = berlin(2026, 6, 15, 12, 0)

DASH = "\N{EN DASH}"


@pytest.fixture
def programme(chemnitz, dresden):
    """Around a fixed "now": one event over, one running, one ahead, a draft ahead."""
    return {
        "over": EventFactory(
            title="Vorbei", starts_at=berlin(2026, 6, 15, 9), ends_at=berlin(2026, 6, 15, 11)
        ),
        "running": EventFactory(
            title="Läuft gerade",
            association=dresden,
            starts_at=berlin(2026, 6, 15, 10),
            ends_at=berlin(2026, 6, 15, 14),
        ),
        "ahead": EventFactory(
            title="Kommt noch", starts_at=berlin(2026, 7, 1, 18), ends_at=berlin(2026, 7, 1, 20)
        ),
        "draft": EventFactory(
            title="Entwurf",
            status=Event.Status.DRAFT,
            starts_at=berlin(2026, 6, 20, 18),
            ends_at=berlin(2026, 6, 20, 20),
        ),
    }


def titles(queryset):
    return [event.title for event in queryset]


def test_upcoming_holds_what_has_not_ended_soonest_first(programme):
    assert titles(Event.objects.upcoming(now=NOW)) == ["Läuft gerade", "Kommt noch"]


def test_past_holds_what_has_ended_latest_first(programme):
    EventFactory(title="Lange her", starts_at=berlin(2025, 5, 1, 9), ends_at=berlin(2025, 5, 1, 11))
    assert titles(Event.objects.past(now=NOW)) == ["Vorbei", "Lange her"]


def test_drafts_are_neither_upcoming_nor_past(programme):
    everything = [*Event.objects.upcoming(now=NOW), *Event.objects.past(now=NOW)]
    assert programme["draft"] not in everything
    assert programme["draft"] not in Event.objects.published()


def test_in_association_keeps_the_organisers_events(programme, dresden, landesverband):
    assert titles(Event.objects.in_association(dresden)) == ["Läuft gerade"]
    EventFactory(title="Landesweit", association=landesverband)
    assert titles(Event.objects.in_association(landesverband)) == ["Landesweit"]


def test_the_slug_follows_the_title_with_german_transliteration(chemnitz):
    first = EventFactory(title="Öffentliche Führung: Größe zeigen")
    second = EventFactory(title="Öffentliche Führung: Größe zeigen")
    assert first.slug == "oeffentliche-fuehrung-groesse-zeigen"
    assert second.slug == "oeffentliche-fuehrung-groesse-zeigen-2"
    assert first.get_absolute_url() == f"/veranstaltungen/{first.slug}/"


def test_a_title_that_names_a_list_page_gets_another_slug(chemnitz):
    assert EventFactory(title="Vergangene").slug == "vergangene-termin"
    assert EventFactory(title="Kalender").slug == "kalender-termin"


def test_every_event_gets_its_own_uid(chemnitz):
    assert EventFactory().uid != EventFactory().uid


def test_changing_time_place_title_or_cancelling_raises_the_sequence(chemnitz):
    event = EventFactory()
    assert event.sequence == 0
    event.title = "Neuer Titel"
    event.save()
    event.starts_at += dt.timedelta(hours=1)
    event.ends_at += dt.timedelta(hours=1)
    event.save()
    event.city = "Zwickau"
    event.save()
    event.is_cancelled = True
    event.save()
    event.refresh_from_db()
    assert event.sequence == 4


def test_other_changes_leave_the_sequence_alone(chemnitz):
    event = EventFactory()
    event.teaser = "Ein anderer Anrisstext."
    event.status = Event.Status.DRAFT
    event.save()
    event.save()
    event.refresh_from_db()
    assert event.sequence == 0


def test_a_stale_copy_does_not_lower_the_sequence(chemnitz):
    event = EventFactory()
    stale = Event.objects.get(pk=event.pk)
    event.title = "Erste Änderung"
    event.save()
    stale.title = "Zweite Änderung"
    stale.save()
    stale.refresh_from_db()
    assert stale.sequence == 2


def errors_of(event):
    with translation.override("de"), pytest.raises(ValidationError) as caught:
        event.full_clean()
    return {
        field: [str(message) for message in messages]
        for field, messages in caught.value.message_dict.items()
    }


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"ends_at": berlin(2026, 7, 1, 17)},
            "ends_at",
            "Das Ende muss nach dem Beginn liegen.",
        ),
        (
            {"ends_at": berlin(2026, 7, 1, 18)},
            "ends_at",
            "Das Ende muss nach dem Beginn liegen.",
        ),
        (
            {"starts_at": berlin(1900, 7, 1, 18)},
            "starts_at",
            "Bitte geben Sie ein Datum ab dem Jahr 2000 ein.",
        ),
        (
            {"ends_at": berlin(2200, 7, 1, 18)},
            "ends_at",
            "Bitte geben Sie ein Datum ein, das höchstens zehn Jahre in der Zukunft liegt.",
        ),
        (
            {"venue_name": ""},
            "venue_name",
            "Eine Veranstaltung vor Ort braucht den Namen des Veranstaltungsorts.",
        ),
        (
            {"city": "  "},
            "city",
            "Eine Veranstaltung vor Ort braucht den Ort, an dem sie stattfindet.",
        ),
        (
            {"is_online": True, "online_url": ""},
            "online_url",
            "Eine Online-Veranstaltung braucht die Adresse des Online-Treffens.",
        ),
        (
            {"title": "<script>alert(1)</script>"},
            "title",
            "Bitte geben Sie Text ohne HTML-Tags",
        ),
        ({"teaser": "Mit <b>fett</b>"}, "teaser", "ohne HTML-Tags"),
        ({"description": "<img src=x onerror=alert(1)>"}, "description", "ohne HTML-Tags"),
        ({"accessibility_note": "<a href=x>"}, "accessibility_note", "ohne HTML-Tags"),
        ({"registration_note": "</p>"}, "registration_note", "ohne HTML-Tags"),
        ({"venue_name": "<iframe>"}, "venue_name", "ohne HTML-Tags"),
        ({"online_url": "javascript:alert(1)", "is_online": True}, "online_url", "gültige Adresse"),
        ({"registration_url": "ftp://example.org/x"}, "registration_url", "gültige Adresse"),
        ({"slug": "vergangene"}, "slug", "reserviert"),
    ],
)
def test_invalid_events_are_refused_with_a_german_message(chemnitz, changes, field, message):
    values = {"starts_at": berlin(2026, 7, 1, 18), "ends_at": berlin(2026, 7, 1, 20), **changes}
    errors = errors_of(EventFactory.build(**values))
    assert field in errors, errors
    assert any(message in text for text in errors[field]), errors[field]


def test_a_plain_less_than_sign_is_text_not_markup(chemnitz):
    event = EventFactory.build(
        title=f"Honorare < 500 € {DASH} was tun?",
        starts_at=berlin(2026, 7, 1, 18),
        ends_at=berlin(2026, 7, 1, 20),
    )
    event.full_clean()


def test_an_online_event_needs_no_venue(chemnitz):
    event = EventFactory.build(
        is_online=True,
        online_url="https://meet.example.org/raum",
        venue_name="",
        street_address="",
        postal_code="",
        city="",
        starts_at=berlin(2026, 7, 1, 18),
        ends_at=berlin(2026, 7, 1, 20),
    )
    event.full_clean()
    assert event.place_line == ""
