"""The directory in numbers: listed profiles per district and Teilmarkt, and the Teilmarkt
taxonomy, for the API and the downloads.

The numbers are sums of the directory's facet counters (verzeichnis.counters), so they
match the directory's own counts and cost two small reads however many profiles there
are. A number from 1 to 4 could point at one person in a small district: it is published
as "<5" (SMALL_COUNT), like the statistics pages do.
"""

from collections import Counter

from django.db.models import Sum

from verzeichnis.counters import ALL, ANY_PLACE, PROFILES, SUBMARKETS
from verzeichnis.models import FacetCount
from verzeichnis.vocabulary import load_vocabulary

SMALL_COUNT = "<5"
SMALLEST_SHOWN = 5


def shown(count: int):
    """`count` as published: 0 and 5 or more as they are, 1 to 4 as "<5"."""
    return SMALL_COUNT if 0 < count < SMALLEST_SHOWN else count


def _cells_per_place(facet):
    cells = (
        FacetCount.objects.filter(within=ALL, facet=facet)
        .exclude(municipality_id=ANY_PLACE)
        .order_by()
        .values("municipality_id", "value")
        .annotate(total=Sum("n"))
        .values_list("municipality_id", "value", "total")
    )
    return list(cells)


def district_submarket_counts() -> dict:
    """{"districts": [...], "submarkets": [...]}: per district its listed profiles in all
    and per Teilmarkt (a profile counts once in each Teilmarkt it works in)."""
    vocabulary = load_vocabulary()
    municipalities = vocabulary.by_id("municipalities")
    totals, per_submarket = Counter(), Counter()
    for municipality_id, _value, n in _cells_per_place(PROFILES):
        if municipality_id in municipalities:
            totals[municipalities[municipality_id].district_id] += n
    for municipality_id, submarket_id, n in _cells_per_place(SUBMARKETS):
        if municipality_id in municipalities:
            per_submarket[(municipalities[municipality_id].district_id, submarket_id)] += n
    submarkets = vocabulary.submarkets
    return {
        "submarkets": [{"slug": s.slug, "name": s.name} for s in submarkets],
        "districts": [
            {
                "slug": district.slug,
                "name": district.name,
                "total": shown(totals[district.pk]),
                "submarkets": {
                    s.slug: shown(per_submarket[(district.pk, s.pk)]) for s in submarkets
                },
            }
            for district in vocabulary.districts
        ],
    }


def statistics_rows(counts):
    """The matrix as CSV rows: one per district, a column per Teilmarkt, then the total."""
    header = ["district", *(s["name"] for s in counts["submarkets"]), "total"]
    rows = [
        [
            district["name"],
            *(district["submarkets"][s["slug"]] for s in counts["submarkets"]),
            district["total"],
        ]
        for district in counts["districts"]
    ]
    return header, rows


def taxonomy() -> list:
    """The Teilmärkte and their disciplines, in the directory's order."""
    vocabulary = load_vocabulary()
    disciplines = {}
    for discipline in sorted(vocabulary.disciplines, key=lambda d: (d.submarket_id, d.name)):
        disciplines.setdefault(discipline.submarket_id, []).append(discipline)
    return [
        {
            "slug": submarket.slug,
            "name": submarket.name,
            "name_en": submarket.name_en or None,
            "description": submarket.description,
            "url": submarket.get_absolute_url(),
            "disciplines": [
                {"slug": d.slug, "name": d.name, "name_en": d.name_en or None}
                for d in disciplines.get(submarket.pk, [])
            ],
        }
        for submarket in vocabulary.submarkets
    ]


def taxonomy_rows(submarkets):
    header = ["submarket_slug", "submarket", "discipline_slug", "discipline"]
    rows = [
        [submarket["slug"], submarket["name"], discipline["slug"], discipline["name"]]
        for submarket in submarkets
        for discipline in submarket["disciplines"]
    ]
    return header, rows
