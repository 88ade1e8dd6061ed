import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from icalendar import Calendar

from tests.veranstaltungen.factories import EventFactory
from veranstaltungen.models import Event

BERLIN = ZoneInfo("Europe/Berlin")


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def vevents(calendar):
    return calendar.walk("VEVENT")


def summaries(calendar):
    return sorted(str(event["SUMMARY"]) for event in vevents(calendar))


@pytest.fixture
def summer_workshop(chemnitz):
    return EventFactory(
        title="Urheberrecht für Kreative",
        starts_at=timezone.make_aware(dt.datetime(2030, 7, 2, 18, 0)),
        ends_at=timezone.make_aware(dt.datetime(2030, 7, 2, 20, 30)),
    )


def ics(client, event):
    return client.get(f"/veranstaltungen/{event.slug}/termin.ics")


def test_an_event_downloads_as_a_valid_calendar_file(client, summer_workshop):
    response = ics(client, summer_workshop)
    assert response["Content-Disposition"] == (f'attachment; filename="{summer_workshop.slug}.ics"')
    calendar = parse(response)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert "Kreativ Sachsen" in str(calendar["PRODID"])
    assert str(calendar["X-WR-CALNAME"]) == "Urheberrecht für Kreative"
    (event,) = vevents(calendar)
    assert str(event["UID"]) == f"{summer_workshop.uid}@kreativ-sachsen.de"
    assert str(event["SUMMARY"]) == "Urheberrecht für Kreative"
    assert str(event["URL"]) == f"http://testserver/veranstaltungen/{summer_workshop.slug}/"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert event.categories == ["Workshop"]
    assert str(event["LOCATION"]) == "Wirkbau, Annaberger Straße 73, 09111 Chemnitz"
    description = str(event["DESCRIPTION"])
    assert summer_workshop.teaser in description
    assert f"http://testserver/veranstaltungen/{summer_workshop.slug}/" in description
    assert "<" not in description
    for required in ("DTSTAMP", "LAST-MODIFIED", "SEQUENCE", "DTEND"):
        assert required in event


def test_the_calendar_carries_the_berlin_time_zone(client, summer_workshop):
    calendar = parse(ics(client, summer_workshop))
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Berlin"
    assert {component.name for component in zone.subcomponents} == {"STANDARD", "DAYLIGHT"}
    assert calendar.get_missing_tzids() == set()


def test_a_summer_event_starts_at_the_berlin_wall_clock_time(client, summer_workshop):
    (event,) = vevents(parse(ics(client, summer_workshop)))
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert (start.hour, start.minute) == (18, 0)
    assert start.utcoffset() == dt.timedelta(hours=2)
    assert end.astimezone(BERLIN).replace(tzinfo=None) == dt.datetime(2030, 7, 2, 20, 30)
    raw = ics(client, summer_workshop).content.decode()
    assert "DTSTART;TZID=Europe/Berlin:20300702T180000" in raw


def test_the_uid_stays_and_the_sequence_grows_when_the_event_changes(client, summer_workshop):
    (before,) = vevents(parse(ics(client, summer_workshop)))
    summer_workshop.title = "Urheberrecht und KI für Kreative"
    summer_workshop.save()
    summer_workshop.starts_at += dt.timedelta(hours=1)
    summer_workshop.ends_at += dt.timedelta(hours=1)
    summer_workshop.save()
    (after,) = vevents(parse(ics(client, summer_workshop)))
    assert str(after["UID"]) == str(before["UID"])
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 2
    assert str(after["SUMMARY"]) == "Urheberrecht und KI für Kreative"


def test_a_cancelled_event_is_cancelled_in_the_calendar(client, summer_workshop):
    summer_workshop.is_cancelled = True
    summer_workshop.save()
    (event,) = vevents(parse(ics(client, summer_workshop)))
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["SUMMARY"]) == "Abgesagt: Urheberrecht für Kreative"
    assert int(event["SEQUENCE"]) == 1


def test_an_online_event_names_its_address_as_location(client, chemnitz):
    event = EventFactory(
        is_online=True, online_url="https://meet.example.org/raum", venue_name="", city=""
    )
    (vevent,) = vevents(parse(ics(client, event)))
    assert str(vevent["LOCATION"]) == "Online: https://meet.example.org/raum"


@pytest.fixture
def season(chemnitz, dresden, leipzig, landesverband):
    now = timezone.now()

    def event(title, association, days, **kwargs):
        start = now + dt.timedelta(days=days)
        return EventFactory(
            title=title,
            association=association,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=2),
            **kwargs,
        )

    event("Chemnitz kommt", chemnitz, 10)
    event("Chemnitz war", chemnitz, -30)
    event("Chemnitz lange her", chemnitz, -200)
    event("Chemnitz Entwurf", chemnitz, 12, status=Event.Status.DRAFT)
    event("Dresden kommt", dresden, 5)
    event("Leipzig kommt", leipzig, 40)
    event("Landesweit", landesverband, 20)


def test_the_overall_feed_holds_every_associations_published_events(client, season):
    calendar = parse(client.get("/veranstaltungen/kalender.ics"))
    assert summaries(calendar) == [
        "Chemnitz kommt",
        "Chemnitz war",
        "Dresden kommt",
        "Landesweit",
        "Leipzig kommt",
    ]
    assert str(calendar["X-WR-CALNAME"]) == "Kreativ Sachsen: Veranstaltungen"
    assert "Content-Disposition" not in client.get("/veranstaltungen/kalender.ics")


def test_an_association_feed_holds_only_its_own_events(client, season):
    chemnitz = parse(client.get("/veranstaltungen/kalender/chemnitz.ics"))
    assert summaries(chemnitz) == ["Chemnitz kommt", "Chemnitz war"]
    assert str(chemnitz["X-WR-CALNAME"]) == "Kreatives Chemnitz: Veranstaltungen"
    state = parse(client.get("/veranstaltungen/kalender/landesverband.ics"))
    assert summaries(state) == ["Landesweit"]


def test_an_unknown_association_has_no_feed(client, reference_data):
    assert client.get("/veranstaltungen/kalender/berlin.ics").status_code == 404


def test_an_empty_feed_is_still_a_valid_calendar(client, reference_data):
    calendar = parse(client.get("/veranstaltungen/kalender/leipzig.ics"))
    assert vevents(calendar) == []
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]


def test_uids_do_not_depend_on_slug_or_title(client, summer_workshop):
    summer_workshop.title = "Ganz anders"
    summer_workshop.slug = "ganz-anders"
    summer_workshop.save()
    (event,) = vevents(parse(client.get("/veranstaltungen/ganz-anders/termin.ics")))
    assert str(event["UID"]) == f"{summer_workshop.uid}@kreativ-sachsen.de"


def test_the_feed_has_fixed_line_lengths_and_crlf(client, summer_workshop):
    # RFC 5545: lines end in CRLF and are folded at 75 octets.
    summer_workshop.teaser = "Ein sehr langer Anrisstext über Verträge und Rechte. " * 5
    summer_workshop.save()
    raw = client.get("/veranstaltungen/kalender.ics").content
    lines = raw.split(b"\r\n")
    assert raw.endswith(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
