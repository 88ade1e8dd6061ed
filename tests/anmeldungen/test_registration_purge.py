"""Registrations are deleted a configurable time after their event; feedback stays."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from anmeldungen.models import Feedback, Registration
from tests.anmeldungen.registration_data import event_with_registration, move_event, registration

pytestmark = pytest.mark.django_db


def purge():
    out = io.StringIO()
    call_command("purge_registrations", stdout=out)
    return out.getvalue()


def test_registrations_go_six_months_after_the_event_and_feedback_stays(reference_data):
    old = move_event(event_with_registration(), starts_in=-dt.timedelta(days=190))
    recent = move_event(event_with_registration(), starts_in=-dt.timedelta(days=170))
    registration(old, name="Alte Anmeldung")
    registration(recent, name="Neue Anmeldung")
    Feedback.objects.create(event=old, rating=5)

    output = purge()

    assert list(Registration.objects.values_list("name", flat=True)) == ["Neue Anmeldung"]
    assert Feedback.objects.filter(event=old).exists()
    assert "Deleted 1 registrations" in output


def test_the_retention_time_is_a_setting(reference_data, settings):
    settings.REGISTRATION_RETENTION_DAYS = 30
    event = move_event(event_with_registration(), starts_in=-dt.timedelta(days=40))
    kept = registration(event)
    assert kept.deleted_on < dt.date.today()

    purge()

    assert not Registration.objects.exists()
