"""German demo events for local development: a season of the associations' programme.

Dates are relative to today (a few events are over, most lie ahead), so the lists always
look lived-in. A seed always yields the same events; the UIDs come from it too, which makes
a second run add nothing.
"""

import datetime as dt
import random
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from demo import data_files
from demo.placeholders import render_artwork
from teilmaerkte.models import Submarket
from veranstaltungen.models import Event
from verbaende.models import Association

DEFAULT_SEED = 2026
ONLINE_URL = "https://meet.example.org/kreativ-sachsen"


class Venue(NamedTuple):
    name: str
    street_address: str
    postal_code: str
    city: str


NO_VENUE = Venue("", "", "", "")
IMAGE_ALT = "Abstrakte Grafik aus Kreisen und Balken (Platzhalterbild)"
# Price (None: not stated), price note and capacity note by kind: consultations and meetings
# are free, workshops cost a fee with a reduction for members.
ADMISSION = {
    Event.Kind.CONSULTATION_SALON: (Decimal(0), "", "max. 12 Personen"),
    Event.Kind.CONSULTATION: (Decimal(0), "", "Einzelgespräche à 30 Minuten"),
    Event.Kind.NETWORKING: (Decimal(0), "", ""),
    Event.Kind.WORKSHOP: (Decimal(25), "ermäßigt 15 € für Mitglieder", "max. 16 Personen"),
    Event.Kind.COOPERATION: (None, "", "max. 40 Personen"),
    Event.Kind.EXHIBITION: (Decimal(0), "Eintritt frei, Spenden willkommen", ""),
}


@dataclass
class DemoEvent:
    association: str  # slug
    kind: Event.Kind
    title: str
    teaser: str
    description: str
    days_from_today: int
    start: dt.time
    hours: float
    venue: Venue | None  # None: online
    submarkets: list[str] = field(default_factory=list)  # slugs
    accessibility: Event.Accessibility = Event.Accessibility.STEP_FREE
    accessibility_note: str = ""
    registration_url: str = ""
    registration_note: str = ""
    status: Event.Status = Event.Status.PUBLISHED
    is_cancelled: bool = False
    days_long: int = 0

    @classmethod
    def from_data(cls, entry, venues):
        """An event of demo/data/events.json; a misspelt choice or venue fails on import."""
        values = dict(entry)
        choices = {"kind": Event.Kind, "accessibility": Event.Accessibility, "status": Event.Status}
        for key, choice in choices.items():
            if key in values:
                values[key] = choice(values[key])
        values["description"] = data_files.markdown(entry["description"])
        values["start"] = dt.time.fromisoformat(entry["start"])
        values["venue"] = venues[entry["venue"]] if entry["venue"] else None
        return cls(**values)


_events = data_files.load("events")
VENUES = {key: Venue(**venue) for key, venue in _events["venues"].items()}
EVENTS = [DemoEvent.from_data(entry, VENUES) for entry in _events["events"]]


def create_demo_events(seed=DEFAULT_SEED, *, now=None, with_images=False):
    """Create the demo events that do not exist yet; returns how many were created. With
    images, each gets a placeholder picture in the colours of its first submarket (the
    renditions follow after the commit, as for every upload)."""
    rng = random.Random(seed)  # noqa: S311 - demo content, not security
    today = timezone.localdate(now)
    associations = {association.slug: association for association in Association.objects.all()}
    submarkets = {submarket.slug: submarket for submarket in Submarket.objects.all()}
    created = 0
    with transaction.atomic():
        for demo in EVENTS:
            uid = uuid.UUID(int=rng.getrandbits(128), version=4)
            # Drawn for every event, so that skipping one does not shift the others.
            minutes = rng.choice((0, 0, 15, 30))
            if Event.objects.filter(uid=uid).exists():
                continue
            event = _build(demo, associations, today, minutes, uid)
            if with_images:
                colours = demo.submarkets[0] if demo.submarkets else "sonstige"
                event.image.save(
                    f"demo-event-{uid.hex[:12]}.webp",
                    ContentFile(render_artwork(colours, demo.title)),
                    save=False,
                )
                event.image_alt = IMAGE_ALT
            event.full_clean()
            event.save()
            event.submarkets.set(
                [submarkets[slug] for slug in demo.submarkets if slug in submarkets]
            )
            created += 1
    return created


def _build(demo, associations, today, minutes, uid):
    day = today + dt.timedelta(days=demo.days_from_today)
    starts_at = timezone.make_aware(dt.datetime.combine(day, demo.start))
    if demo.start.minute == 0:
        starts_at += dt.timedelta(minutes=minutes)
    ends_at = starts_at + dt.timedelta(days=demo.days_long, hours=demo.hours)
    venue = demo.venue or NO_VENUE
    price, price_note, capacity_note = ADMISSION[demo.kind]
    return Event(
        uid=uid,
        association=associations[demo.association],
        kind=demo.kind,
        title=demo.title,
        teaser=demo.teaser,
        description=demo.description,
        starts_at=starts_at,
        ends_at=ends_at,
        is_online=demo.venue is None,
        venue_name=venue.name,
        street_address=venue.street_address,
        postal_code=venue.postal_code,
        city=venue.city,
        online_url=ONLINE_URL if demo.venue is None else "",
        accessibility=demo.accessibility,
        accessibility_note=demo.accessibility_note,
        registration_url=demo.registration_url,
        registration_note=demo.registration_note,
        status=demo.status,
        is_cancelled=demo.is_cancelled,
        price=price,
        price_note=price_note,
        capacity_note=capacity_note,
    )
