"""Advisors, slots and bookings for the consultation tests."""

import datetime as dt

from django.utils import timezone

from beratung import services
from beratung.models import Advisor, Slot, Topic
from verbaende.models import Association


def advisor(slug="chemnitz", name="Clara Rat", **fields):
    return Advisor.objects.create(
        association=Association.objects.get(slug=slug),
        name=name,
        focus="Gründung und Förderung",
        languages="Deutsch, Englisch",
        **fields,
    )


def slot(advisor_row=None, *, days=7, hour=14, minute=0, mode=Slot.Mode.IN_PERSON, **fields):
    advisor_row = advisor_row or advisor()
    starts = (timezone.localtime() + dt.timedelta(days=days)).replace(
        hour=hour, minute=minute, second=0, microsecond=0
    )
    fields.setdefault("address", "Wirkbau, Annaberger Straße 73, 09111 Chemnitz")
    new = Slot.objects.create(
        association_id=advisor_row.association_id,
        advisor=advisor_row,
        starts_at=starts,
        duration=45,
        mode=mode,
        **fields,
    )
    new.topics.set(Topic.objects.filter(slug__in=["existenzgruendung", "recht-und-vertraege"]))
    return new


def topic(slug="existenzgruendung"):
    return Topic.objects.get(slug=slug)


def booking(slot_row=None, *, name="Berta Bucher", email="berta@example.org", **fields):
    slot_row = slot_row or slot()
    data = services.BookingRequest(
        name=name,
        email=email,
        topic=fields.pop("topic", None) or topic(),
        question=fields.pop("question", "Wie melde ich mich bei der KSK an?"),
        phone=fields.pop("phone", ""),
    )
    return services.book(slot_row.pk, data, language=fields.pop("language", "de"))


def form_data(**changes):
    data = {
        "name": "Berta Bucher",
        "email": "berta@example.org",
        "topic": str(topic().pk),
        "question": "Wie melde ich mich bei der KSK an?",
        "consent": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def consultation_objects():
    """An advisor, a slot, a booking and a feedback of Kreatives Chemnitz (for the admin's
    permission matrix)."""
    from beratung.models import Feedback

    advisor_row = advisor()
    slot_row = slot(advisor_row)
    booking_row = booking(slot_row)
    past = slot(advisor_row, days=-3)
    feedback = Feedback.objects.create(
        association_id=past.association_id, advisor=advisor_row, rating=4, comment="Gut"
    )
    return {"advisor": advisor_row, "slot": slot_row, "booking": booking_row, "feedback": feedback}
