"""Registration on the site for some of the demo events, so `make run` shows the form, the
places left and a full event with a waiting list."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from anmeldungen.models import Registration, RegistrationSettings
from veranstaltungen.models import Event

DEMO_DOMAIN = "example.org"


@dataclass(frozen=True)
class DemoRegistration:
    title: str
    capacity: int
    taken: int = 0
    waiting: int = 0
    deadline_days_before: int | None = None
    ask_dietary_needs: bool = False
    ask_accessibility_needs: bool = False
    question_1: str = ""


DEMO_REGISTRATIONS = [
    DemoRegistration(
        "Beratungssalon mit dem Kulturbüro Dresden",
        capacity=12,
        taken=9,
        ask_accessibility_needs=True,
        question_1="Worüber möchten Sie im Salon sprechen?",
    ),
    DemoRegistration(
        "Urheberrecht für Kreative",
        capacity=20,
        taken=4,
        deadline_days_before=2,
        question_1="Haben Sie eine konkrete Frage zu Ihren Verträgen?",
    ),
    DemoRegistration(
        "Workshop: Honorare kalkulieren",
        capacity=8,
        taken=8,
        waiting=2,
        ask_dietary_needs=True,
    ),
    DemoRegistration(
        "Netzwerktreffen Kreatives Leipzig im Westwerk",
        capacity=40,
        taken=11,
        ask_dietary_needs=True,
        ask_accessibility_needs=True,
    ),
]

FIRST_NAMES = ["Anna", "Ben", "Clara", "David", "Emma", "Felix", "Greta", "Hannes", "Ida", "Jonas"]


def open_demo_registrations(now=None):
    """Open registration for the demo events above that have none yet; returns how many."""
    now = now or timezone.now()
    opened = 0
    with transaction.atomic():
        for demo in DEMO_REGISTRATIONS:
            event = (
                Event.objects.upcoming(now)
                .filter(title=demo.title, registration_settings__isnull=True)
                .first()
            )
            if event is None:
                continue
            _open(event, demo, now)
            opened += 1
    return opened


def _open(event, demo, now):
    deadline = None
    if demo.deadline_days_before is not None:
        deadline = event.starts_at - dt.timedelta(days=demo.deadline_days_before)
    RegistrationSettings.objects.create(
        event=event,
        capacity=demo.capacity,
        deadline=deadline,
        ask_dietary_needs=demo.ask_dietary_needs,
        ask_accessibility_needs=demo.ask_accessibility_needs,
        question_1=demo.question_1,
    )
    # The site's own registration replaces the external link.
    Event.objects.filter(pk=event.pk).update(registration_url="")
    # Stored directly, without mails: nobody real behind these addresses.
    Registration.objects.bulk_create(
        [
            Registration(
                event=event,
                name=f"{FIRST_NAMES[number % len(FIRST_NAMES)]} Beispiel {number + 1}",
                email=f"teilnahme-{event.pk}-{number + 1}@{DEMO_DOMAIN}",
                status=(
                    Registration.Status.CONFIRMED
                    if number < demo.taken
                    else Registration.Status.WAITLISTED
                ),
                consented_at=now,
                confirmed_at=now if number < demo.taken else None,
            )
            for number in range(demo.taken + demo.waiting)
        ]
    )
