"""Where an event takes place, for the map: staff choose the municipality in the admin (an
autocomplete), otherwise it follows the typed city, case- and umlaut-safe; the migration
placed the events that existed before."""

import importlib
import re

import pytest
from django.apps import apps

from demo.events import create_demo_events
from tests.veranstaltungen.factories import EventFactory
from tests.veranstaltungen.test_event_admin import ADD, form_data
from veranstaltungen.models import Event
from veranstaltungen.places import municipality_for
from verbaende.models import District, Municipality

MIGRATION = importlib.import_module("veranstaltungen.migrations.0007_event_municipality")


@pytest.mark.parametrize(
    ("city", "expected"),
    [
        ("Görlitz", "goerlitz"),
        ("GÖRLITZ", "goerlitz"),
        ("Goerlitz", "goerlitz"),
        ("görlitz-Innenstadt", "goerlitz"),
        ("CHEMNITZ", "chemnitz"),
    ],
)
def test_the_city_is_matched_whatever_its_case_and_umlaut_spelling(reference_data, city, expected):
    assert municipality_for(city).slug == expected


def test_a_name_two_municipalities_share_places_the_event_nowhere(reference_data):
    other_district = District.objects.exclude(municipalities__name="Görlitz").first()
    Municipality.objects.create(name="Görlitz", slug="goerlitz-2", district=other_district)

    assert municipality_for("Görlitz") is None
    assert EventFactory(city="Görlitz").municipality is None


def test_the_migration_places_existing_events_by_their_city(reference_data):
    on_site = EventFactory(city="LEIPZIG-Plagwitz")
    umlaut = EventFactory(city="goerlitz")
    abroad = EventFactory(city="Wien")
    online = EventFactory(is_online=True, online_url="https://meet.example.org/x", city="Leipzig")
    chosen = EventFactory(city="Dresden", municipality=Municipality.objects.get(slug="radebeul"))
    # As before the migration: no event had a municipality but the one staff set.
    Event.objects.exclude(pk=chosen.pk).update(municipality=None)

    MIGRATION.place_existing_events(apps, None)

    placed = dict(Event.objects.values_list("pk", "municipality__slug"))
    assert placed == {
        on_site.pk: "leipzig",
        umlaut.pk: "goerlitz",
        abroad.pk: None,
        online.pk: None,
        chosen.pk: "radebeul",
    }


def test_staff_choose_the_municipality_in_the_admin(client_for, staff_chemnitz, chemnitz):
    client = client_for(staff_chemnitz)
    form = client.get(ADD).content.decode()
    assert 'name="municipality"' in form and "admin-autocomplete" in form

    found = client.get(
        "/admin/autocomplete/",
        {
            "app_label": "veranstaltungen",
            "model_name": "event",
            "field_name": "municipality",
            "term": "Radebeu",
        },
    )
    assert [item["text"] for item in found.json()["results"]] == ["Radebeul"]

    radebeul = Municipality.objects.get(slug="radebeul")
    response = client.post(ADD, form_data(chemnitz, city="Dresden", municipality=radebeul.pk))
    assert response.status_code == 302
    assert Event.objects.get().municipality == radebeul


def test_left_empty_in_the_admin_the_municipality_follows_the_city(
    client_for, staff_chemnitz, chemnitz
):
    response = client_for(staff_chemnitz).post(ADD, form_data(chemnitz, city="chemnitz"))

    assert response.status_code == 302
    assert Event.objects.get().municipality.slug == "chemnitz"


UPCOMING = "/veranstaltungen/"


def option_counts(html, name):
    select = re.search(rf'<select id="events-{name}" name="{name}">(.*?)</select>', html, re.S)
    return dict(re.findall(r'<option value="([^"]+)"[^>]*>[^<]*\((\d+)\)</option>', select[1]))


@pytest.fixture
def places_programme(reference_data):
    EventFactory(city="Chemnitz")
    EventFactory(city="Chemnitz", kind=Event.Kind.NETWORKING)
    EventFactory(city="Radebeul")
    EventFactory(city="Dresden-Neustadt")
    EventFactory(is_online=True, online_url="https://meet.example.org/x", city="")


def test_the_event_list_filters_by_place_with_counts(client, places_programme):
    html = client.get(UPCOMING).content.decode()
    assert option_counts(html, "ort") == {"chemnitz": "2", "dresden": "1", "radebeul": "1"}
    assert '<optgroup label="Meißen">' in html

    chemnitz = client.get(UPCOMING, {"ort": "chemnitz"}).content.decode()
    assert "2 kommende Veranstaltungen" in chemnitz
    # The other filters count under the place: one networking event in Chemnitz.
    assert option_counts(chemnitz, "art")["networking"] == "1"
    assert option_counts(chemnitz, "kreis")["dresden"] == "0"

    networking = client.get(UPCOMING, {"art": "networking"}).content.decode()
    assert option_counts(networking, "ort") == {"chemnitz": "1"}


@pytest.mark.parametrize("place", ["atlantis", "%00", "x" * 300])
def test_an_unknown_place_gets_a_notice_not_an_error(client, places_programme, place):
    response = client.get(UPCOMING, {"ort": place})
    assert response.status_code in {200, 400}
    if response.status_code == 200:
        assert 'class="notice' in response.content.decode()


def test_a_chosen_place_without_events_stays_selected(client, places_programme):
    html = client.get(UPCOMING, {"ort": "goerlitz"}).content.decode()
    assert '<option value="goerlitz" selected>Görlitz (0)</option>' in html


def test_every_demo_event_on_site_has_its_place_on_the_map(reference_data):
    create_demo_events(seed=7)

    on_site = Event.objects.filter(is_online=False)
    assert on_site.exists()
    assert not on_site.filter(municipality=None).exists(), list(
        on_site.filter(municipality=None).values_list("city", flat=True)
    )
    assert not Event.objects.filter(is_online=True, municipality__isnull=False).exists()
