"""Activity per year beside the membership: consultations and event participants.

A hook, empty until the apps that record them are merged (consultation bookings,
`beratung`; event registrations, `anmeldungen`). For each, add a Source whose `per_year`
returns {year: count} for a statistik.figures.Scope, e.g.

    SOURCES.append(Source(
        key="beratungen",
        title=_("Consultations per year"),
        summary=_("Consultations held by the association, per year."),
        per_year=lambda scope: dict(
            Booking.objects.held().in_association(scope.association)
            .annotate(year=ExtractYear("starts_at")).values("year")
            .annotate(n=Count("pk")).values_list("year", "n")),
    ))

Each source becomes a bar chart with table and CSV on /statistik/ (counts below five shown
as "< 5" like every other figure), and its CSV answers /statistik/csv/<key>/.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    summary: str
    per_year: Callable


SOURCES: list[Source] = []
