"""The demo content opens registration for some upcoming events, a Beratungssalon among them."""

import pytest

from anmeldungen.models import Registration, RegistrationSettings
from demo.events import create_demo_events
from demo.registrations import open_demo_registrations
from veranstaltungen.models import Event

pytestmark = pytest.mark.django_db


def test_demo_events_take_registrations_and_the_salon_shows_its_form(client, reference_data):
    create_demo_events()

    assert open_demo_registrations() == 4
    assert open_demo_registrations() == 0  # idempotent

    salon = Event.objects.get(
        kind=Event.Kind.CONSULTATION_SALON, registration_settings__isnull=False
    )
    html = client.get(salon.get_absolute_url()).content.decode()
    assert 'name="consent"' in html
    assert "3 places left" in html
    full = RegistrationSettings.objects.get(event__title="Workshop: Honorare kalkulieren")
    assert Registration.objects.waitlisted().filter(event=full.event).count() == 2
    # No registrant's name or address on the public page.
    assert "teilnahme-" not in html
    assert "Beispiel 1" not in html
