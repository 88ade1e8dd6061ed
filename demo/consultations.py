"""Demo consultation offers: two or three advisors per association and their slots for the
next weeks, so that `make run` shows free appointments. Running it again adds nothing:
advisors are found by name, slots by advisor and start (the series skip what exists)."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from beratung.models import Advisor, Slot, Topic
from verbaende.models import Association

# association slug: [(name, focus, languages, weekday, first hour, last hour, mode, address)]
ADVISORS = {
    "dresden": [
        (
            "Katrin Weber",
            "Existenzgründung, Businessplan und Förderprogramme für Kreative",
            "Deutsch, Englisch",
            1,
            14,
            17,
            Slot.Mode.IN_PERSON,
            "Wir gestalten Dresden, Kraftwerk Mitte 3, 01067 Dresden",
        ),
        (
            "Jonas Richter",
            "Künstlersozialkasse, Versicherungen und Honorarkalkulation",
            "Deutsch",
            3,
            10,
            12,
            Slot.Mode.PHONE,
            "",
        ),
    ],
    "leipzig": [
        (
            "Mira Schubert",
            "Verträge, Urheber- und Nutzungsrechte",
            "Deutsch, Englisch, Französisch",
            2,
            15,
            18,
            Slot.Mode.ONLINE,
            "",
        ),
    ],
    "chemnitz": [
        (
            "Paul Neumann",
            "Räume finden, Zwischennutzung und Marketing",
            "Deutsch, Tschechisch",
            4,
            13,
            16,
            Slot.Mode.IN_PERSON,
            "Wirkbau, Annaberger Straße 73, 09111 Chemnitz",
        ),
    ],
}
WEEKS = 6
SLOT_MINUTES = 45
ACCESSIBILITY = "Stufenloser Zugang über den Hof, Aufzug, barrierefreies WC."


def create_demo_consultations(*, now=None):
    """Create the advisors and slots that do not exist yet; returns the number of slots."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    topics = list(Topic.objects.all())
    created = 0
    with transaction.atomic():
        for slug, advisors in ADVISORS.items():
            association = Association.objects.filter(slug=slug).first()
            if association is None:
                continue
            for number, (name, focus, languages, weekday, first, last, mode, address) in enumerate(
                advisors
            ):
                advisor, _new = Advisor.objects.get_or_create(
                    association=association,
                    name=name,
                    defaults={"focus": focus, "languages": languages},
                )
                chosen = topics[number::2] or topics
                for week in range(WEEKS):
                    day = today + dt.timedelta(days=(weekday - today.weekday()) % 7 + 7 * week)
                    start = timezone.make_aware(dt.datetime.combine(day, dt.time(first)))
                    end = timezone.make_aware(dt.datetime.combine(day, dt.time(last)))
                    while start + dt.timedelta(minutes=SLOT_MINUTES) <= end:
                        if start > now:
                            slot, new = Slot.objects.get_or_create(
                                advisor=advisor,
                                starts_at=start,
                                defaults={
                                    "association": association,
                                    "duration": SLOT_MINUTES,
                                    "mode": mode,
                                    "address": address,
                                    "accessibility_note": ACCESSIBILITY if address else "",
                                },
                            )
                            if new:
                                slot.topics.set(chosen)
                                created += 1
                        start += dt.timedelta(minutes=SLOT_MINUTES)
    return created
