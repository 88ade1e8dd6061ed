"""The municipality of an event on site, read from the city its organisers typed.

Events name their city as free text (as the invitation says it: "Leipzig", "Dresden-Neustadt",
"Annaberg-Buchholz"); the map and the district filter need the municipality. The city is
matched by name, whole first, then its part before a hyphen or comma (a quarter of a town),
and only when exactly one municipality carries that name: Saxony has namesakes in
different districts, and a wrong district is worse than none. Staff can always choose the
municipality themselves in the admin.
"""

import re

from verbaende.models import Municipality

_QUARTER = re.compile(r"\s*(?:-|,|/|\()\s*")


def candidate_names(city: str) -> list[str]:
    city = " ".join(city.split())
    if not city:
        return []
    names = [city]
    first = _QUARTER.split(city, maxsplit=1)[0]
    if first and first != city:
        names.append(first)
    return names


def municipality_for(city: str):
    """The one municipality called like `city` (or the town of the quarter), else None."""
    for name in candidate_names(city):
        found = list(Municipality.objects.filter(name__iexact=name)[:2])
        if len(found) == 1:
            return found[0]
    return None
