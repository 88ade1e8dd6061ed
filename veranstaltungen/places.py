"""The municipality of an event on site, read from the city its organisers typed.

Events name their city as free text (as the invitation says it: "Leipzig", "Dresden-Neustadt",
"Annaberg-Buchholz"); the map and the district filter need the municipality. The city is
matched by name, whole first, then its part before a hyphen or comma (a quarter of a town),
and only when exactly one municipality carries that name: Saxony has namesakes in
different districts, and a wrong district is worse than none. Names are compared in German
transliteration, case- and umlaut-safe ("GÖRLITZ", "Goerlitz" and "görlitz" all name
Görlitz), in Python: SQLite's case-insensitive comparison ignores umlauts. Staff can always
choose the municipality themselves in the admin.
"""

import re
from collections import defaultdict

from kern.text import german_slugify
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


def place_key(name: str) -> str:
    """What two spellings of one place name share: "Görlitz", "GOERLITZ" -> "goerlitz"."""
    return german_slugify(name)


def municipality_for(city: str):
    """The one municipality called like `city` (or the town of the quarter), else None."""
    keys = [key for key in map(place_key, candidate_names(city)) if key]
    if not keys:
        return None
    # Saxony has some 420 municipalities: one small query, compared here.
    by_key = defaultdict(list)
    for pk, name in Municipality.objects.values_list("pk", "name"):
        by_key[place_key(name)].append(pk)
    for key in keys:
        if len(by_key[key]) == 1:
            return Municipality.objects.get(pk=by_key[key][0])
    return None
