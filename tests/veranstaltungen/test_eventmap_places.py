"""Where an event takes place, for the map: staff choose the municipality in the admin (an
autocomplete), otherwise it follows the typed city, case- and umlaut-safe; the migration
placed the events that existed before."""

import importlib

import pytest
from django.apps import apps

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
