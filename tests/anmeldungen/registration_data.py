"""Events with registration, and registrations, for the tests of anmeldungen."""

import datetime as dt

from django.utils import timezone

from anmeldungen.models import Registration, RegistrationSettings
from tests.veranstaltungen.factories import EventFactory


def event_with_registration(*, capacity=5, association="chemnitz", event=None, **settings):
    """A published Chemnitz workshop two weeks ahead that takes `capacity` registrations."""
    from verbaende.models import Association

    if event is None:
        event = EventFactory(association=Association.objects.get(slug=association))
    RegistrationSettings.objects.create(event=event, capacity=capacity, **settings)
    return event


def registration(event, *, name="Rita Register", email=None, status="confirmed", **fields):
    """A registration stored directly (no mails), for tests that start from one."""
    now = timezone.now()
    return Registration.objects.create(
        event=event,
        name=name,
        email=email or f"{name.split()[0].lower()}@example.net",
        status=status,
        consented_at=now,
        confirmed_at=now if status == "confirmed" else None,
        **fields,
    )


def form_data(**overrides):
    data = {"name": "Bea Beispiel", "email": "bea@example.net", "consent": "on"}
    data.update(overrides)
    return data


def register_url(event, prefix=""):
    return f"{prefix}/veranstaltungen/{event.slug}/anmeldung/"


def move_event(event, *, starts_in, hours=2):
    """Put the event `starts_in` (a timedelta, negative for the past) from now."""
    event.starts_at = timezone.now() + starts_in
    event.ends_at = event.starts_at + dt.timedelta(hours=hours)
    event.save()
    return event
