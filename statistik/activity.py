"""Activity per year beside the membership: consultations held and event participants.

Each Source counts, for a statistik.figures.Scope, {year: count}; each becomes a bar chart
with table and CSV on /statistik/ (counts below five shown as "< 5" like every other figure),
its CSV at /statistik/csv/<key>/. Only aggregates leave here: bookings and registrations are
staff-only rows (names, addresses, questions), and both apps delete them after their keeping
period, so the years further back count only what was still kept.

A source may also have ratings (the feedback after a consultation or an event, stored
without name or address): their average joins the chart's summary, and only once five or
more ratings exist, so that no single person's rating can be read off.

Another source (say, Räume let) is one more entry in SOURCES.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Avg, Count
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anmeldungen.models import Feedback as EventFeedback
from anmeldungen.models import Registration
from beratung.models import Booking
from beratung.models import Feedback as ConsultationFeedback


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    summary: str
    per_year: Callable
    # (number of ratings, their average) for a scope, or None for a source without ratings.
    ratings: Callable | None = None


def _per_year(rows, moment_field):
    return dict(
        rows.order_by()
        .annotate(year=ExtractYear(moment_field))
        .values("year")
        .annotate(n=Count("pk"))
        .values_list("year", "n")
    )


def _of_scope(rows, scope):
    # The Landesverband's figures are everyone's; a district has no consultations of its own.
    if scope.regional:
        rows = rows.in_association(scope.association)
    return rows


def consultations_per_year(scope) -> dict:
    """Consultations that took place: bookings not cancelled, nobody missing, slot begun."""
    held = Booking.objects.filter(
        status__in=(Booking.Status.BOOKED, Booking.Status.ATTENDED),
        slot__starts_at__lte=timezone.now(),
    )
    return _per_year(_of_scope(held, scope), "slot__starts_at")


def participants_per_year(scope) -> dict:
    """Confirmed registrations of events that have begun, by the year of the event."""
    confirmed = Registration.objects.filter(
        status=Registration.Status.CONFIRMED, event__starts_at__lte=timezone.now()
    )
    return _per_year(_of_scope(confirmed, scope), "event__starts_at")


def _ratings(rows):
    result = rows.order_by().aggregate(n=Count("pk"), average=Avg("rating"))
    return result["n"], result["average"]


def consultation_ratings(scope):
    return _ratings(_of_scope(ConsultationFeedback.objects.all(), scope))


def event_ratings(scope):
    return _ratings(_of_scope(EventFeedback.objects.all(), scope))


SOURCES: list[Source] = [
    Source(
        key="beratungen",
        title=_("Consultations per year"),
        summary=_("Consultations that took place (cancelled ones and no-shows not counted)."),
        per_year=consultations_per_year,
        ratings=consultation_ratings,
    ),
    Source(
        key="teilnehmende",
        title=_("Event participants per year"),
        summary=_("Confirmed registrations for the associations' events, by the event's year."),
        per_year=participants_per_year,
        ratings=event_ratings,
    ),
]
