import datetime as dt
import json
import re

import pytest
from django.template.loader import render_to_string
from django.utils import timezone, translation

from teilmaerkte.models import Submarket
from tests.veranstaltungen.factories import EventFactory
from veranstaltungen.models import Event

DASH = "\N{EN DASH}"


def json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


@pytest.fixture
def salon(dresden):
    event = EventFactory(
        title="Beratungssalon mit dem Kulturbüro",
        association=dresden,
        kind=Event.Kind.CONSULTATION_SALON,
        teaser="Förderung, Gründung, Finanzierung: Fachleute nehmen sich Zeit für Ihr Vorhaben.",
        description="Themen sind **Förderprogramme** und Honorare.",
        starts_at=timezone.make_aware(dt.datetime(2030, 7, 2, 16, 0)),
        ends_at=timezone.make_aware(dt.datetime(2030, 7, 2, 19, 0)),
        venue_name="Kulturbüro Dresden",
        street_address="Königsbrücker Straße 96",
        postal_code="01099",
        city="Dresden",
        accessibility=Event.Accessibility.PARTLY,
        accessibility_note="Aufzug im Haus.",
        registration_url="https://anmeldung.example.org/salon",
        registration_note="Bitte buchen Sie einen Termin.",
    )
    event.submarkets.set(Submarket.objects.filter(slug__in=["designwirtschaft", "sonstige"]))
    return event


@pytest.fixture
def online_event(landesverband):
    return EventFactory(
        title="Online-Sprechstunde Förderung",
        association=landesverband,
        kind=Event.Kind.CONSULTATION,
        is_online=True,
        online_url="https://meet.example.org/sprechstunde",
        venue_name="",
        street_address="",
        postal_code="",
        city="",
        accessibility=Event.Accessibility.UNKNOWN,
        registration_note="",
    )


def test_the_detail_page_shows_every_fact(client, salon):
    response = client.get(f"/veranstaltungen/{salon.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Beratungssalon mit dem Kulturbüro</h1>" in html
    assert f"Dienstag, 2. Juli 2030, 16:00{DASH}19:00 Uhr" in html
    assert "Kulturbüro Dresden<br>Königsbrücker Straße 96<br>01099 Dresden" in html
    assert "Teilweise barrierefrei" in html
    assert "Aufzug im Haus." in html
    assert 'href="https://anmeldung.example.org/salon"' in html
    assert "Bitte buchen Sie einen Termin." in html
    assert 'href="/verbaende/dresden/"' in html
    assert 'href="/teilmaerkte/designwirtschaft/"' in html
    assert 'href="/teilmaerkte/sonstige/"' in html
    assert "<strong>Förderprogramme</strong>" in html
    assert f'href="/veranstaltungen/{salon.slug}/termin.ics"' in html
    assert "Zum Kalender hinzufügen" in html


def test_the_detail_page_describes_the_event_for_machines(client, salon):
    html = client.get(f"/veranstaltungen/{salon.slug}/").content.decode()
    data = json_ld(html)
    assert data["@type"] == "Event"
    assert data["name"] == "Beratungssalon mit dem Kulturbüro"
    assert data["startDate"] == "2030-07-02T16:00:00+02:00"
    assert data["endDate"] == "2030-07-02T19:00:00+02:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["@type"] == "Place"
    assert data["location"]["address"]["postalCode"] == "01099"
    assert data["organizer"]["url"] == "http://testserver/verbaende/dresden/"
    assert '<meta property="og:title" content="Beratungssalon mit dem Kulturbüro">' in html
    assert (
        f'<meta property="og:url" content="http://testserver/veranstaltungen/{salon.slug}/">'
        in (html)
    )


def test_an_online_event_shows_its_link_instead_of_a_venue(client, online_event):
    html = client.get(online_event.get_absolute_url()).content.decode()
    assert 'href="https://meet.example.org/sprechstunde"' in html
    assert "<address" not in html
    assert "Noch keine Angaben zur Anmeldung." in html
    data = json_ld(html)
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {
        "@type": "VirtualLocation",
        "url": "https://meet.example.org/sprechstunde",
    }


def test_a_cancelled_event_says_so_prominently(client, salon):
    salon.is_cancelled = True
    salon.save()
    html = client.get(salon.get_absolute_url()).content.decode()
    assert "Diese Veranstaltung ist abgesagt." in html
    assert "<title>Abgesagt: Beratungssalon" in html
    # Nobody should register for an event that will not take place.
    assert 'href="https://anmeldung.example.org/salon"' not in html
    assert json_ld(html)["eventStatus"] == "https://schema.org/EventCancelled"


def test_a_past_event_keeps_its_page_and_says_it_is_over(client, chemnitz):
    event = EventFactory(
        starts_at=timezone.now() - dt.timedelta(days=3),
        ends_at=timezone.now() - dt.timedelta(days=3, hours=-2),
    )
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Diese Veranstaltung ist vorbei." in html
    assert 'href="/veranstaltungen/vergangene/"' in html


def test_drafts_do_not_exist_for_the_public(client, salon):
    salon.status = Event.Status.DRAFT
    salon.save()
    assert client.get(salon.get_absolute_url()).status_code == 404
    assert client.get(f"/veranstaltungen/{salon.slug}/termin.ics").status_code == 404


def test_an_unknown_slug_is_not_found(client, reference_data):
    assert client.get("/veranstaltungen/gibt-es-nicht/").status_code == 404


def test_the_english_page_is_in_english(client, salon):
    html = client.get("/en" + salon.get_absolute_url()).content.decode()
    assert f"Tuesday, 2 July 2030, 16:00{DASH}19:00" in html
    assert "Partly accessible" in html
    assert "Add to calendar" in html


def test_markup_that_slipped_into_the_description_is_rendered_inert(client, chemnitz):
    # Validation refuses tags; rows written around it (imports, the shell) still render safely.
    event = EventFactory(description="[x](javascript:alert(1)) **fett**")
    html = client.get(event.get_absolute_url()).content.decode()
    assert "javascript:" not in html
    assert "<strong>fett</strong>" in html


def test_the_detail_page_needs_few_queries(client, salon, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        client.get(salon.get_absolute_url())


def test_the_teaser_include_renders_a_compact_list(salon, online_event, dresden):
    template = "veranstaltungen/includes/event_teasers.html"
    with translation.override("de"):
        html = render_to_string(template, {"events": [online_event, salon], "association": dresden})
        empty = render_to_string(template, {"events": []})
    assert f'<h3 class="event-teaser__title"><a href="/veranstaltungen/{salon.slug}/">' in html
    assert "Beratungssalon · Dresden" in html
    assert "Beratung · Online" in html
    assert 'href="/veranstaltungen/?verband=dresden"' in html
    assert "Alle Veranstaltungen von Wir gestalten Dresden" in html
    assert "Zurzeit sind keine Veranstaltungen geplant." in empty
    assert 'href="/veranstaltungen/"' in empty
