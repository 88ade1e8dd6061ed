"""Members per district, as the map and its table show them.

The numbers are the directory's own facet counts (verzeichnis.directory.Directory.counts,
summed from the facet counters and cached under the profiles' version), so the map answers
the directory's query parameters, agrees with its counts and shows a new member at once.
A district filter (`kreis`, `ort`) does not narrow the map: it marks the district, and every
district links to the directory with the other filters and itself.
"""

import math
from collections import Counter
from dataclasses import dataclass

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from karte.shapes import geometry
from kern.listing import ignored_notice
from verzeichnis.directory import Directory

PLACE_FILTERS = ("kreis", "ort")
CLASSES = 5  # colour classes besides "none" (figures.css: map-c0 ... map-c5)
# The map's own parameter: ?ebene=orte shows a circle per place instead of the districts.
LAYER_PARAMETER = "ebene"
PLACES_LAYER = "orte"
MIN_RADIUS, MAX_RADIUS = 3.5, 16.0


@dataclass(frozen=True)
class ColourClass:
    index: int
    low: int
    high: int

    @property
    def label(self):
        if self.index == 0:
            return "0"
        if self.low == self.high:
            return number(self.low)
        return f"{number(self.low)}–{number(self.high)}"  # noqa: RUF001 - an en dash for a range


@dataclass(frozen=True)
class DistrictEntry:
    slug: str
    name: str
    kind: str
    count: int
    colour: int
    url: str
    selected: bool
    path: str
    label_x: float
    label_y: float

    @property
    def text(self):
        return ngettext(
            "%(district)s: %(count)s member", "%(district)s: %(count)s members", self.count
        ) % {"district": self.name, "count": number(self.count)}


@dataclass(frozen=True)
class PlaceEntry:
    slug: str
    name: str
    district: str
    count: int
    url: str
    selected: bool
    position: tuple | None
    radius: float

    @property
    def text(self):
        return ngettext(
            "%(place)s: %(count)s member", "%(place)s: %(count)s members", self.count
        ) % {"place": self.name, "count": number(self.count)}

    @property
    def x(self):
        return f"{self.position[0]:g}"

    @property
    def y(self):
        return f"{self.position[1]:g}"

    @property
    def r(self):
        return f"{self.radius:.1f}"


def number(value) -> str:
    """A count as the page's language writes it (1.234 in German)."""
    return number_format(value, force_grouping=True)


def nice_step(largest: int) -> int:
    """The class width: 1, 2 or 5 times a power of ten, so that CLASSES classes cover
    `largest` (legends read "1-20, 21-40, ...", not "1-17, 18-34")."""
    rough = max(largest / CLASSES, 1)
    power = 10 ** math.floor(math.log10(rough))
    for factor in (1, 2, 5, 10):
        if factor * power >= rough:
            return factor * power
    return 10 * power


def colour_classes(largest: int) -> list[ColourClass]:
    classes = [ColourClass(0, 0, 0)]
    if largest <= 0:
        return classes
    step = nice_step(largest)
    for index in range(1, CLASSES + 1):
        low = (index - 1) * step + 1
        if low > largest:
            break
        classes.append(ColourClass(index, low, index * step))
    return classes


def colour_of(count: int, classes) -> int:
    for colour in classes:
        if colour.low <= count <= colour.high:
            return colour.index
    return classes[-1].index


class MemberMap:
    def __init__(self, params):
        # The directory without a place filter gives the counts, the form and the links;
        # a place filter only marks its district.
        self.listing = Directory(
            {key: value for key, value in params.items() if key not in PLACE_FILTERS}
        )
        self.notices = list(self.listing.notices)
        self.layer = PLACES_LAYER if params.get(LAYER_PARAMETER) == PLACES_LAYER else ""
        self.place_filters = {}
        self.selected = None
        for name, kind in (("kreis", "districts"), ("ort", "municipalities")):
            raw = params.get(name)
            if not raw:
                continue
            item = self.listing.vocabulary.by_slug(kind).get(raw)
            if item is None:
                self.notices.append(ignored_notice(self.listing.form.fields[name], raw))
                continue
            self.place_filters[name] = raw
            district = item if name == "kreis" else item.district
            self.selected = self.selected or district

    def district_counts(self) -> Counter:
        municipalities = self.listing.vocabulary.by_id("municipalities")
        counts = Counter()
        for municipality_id, count in self.listing.counts()["places"].items():
            municipality = municipalities.get(municipality_id)
            if municipality is not None:
                counts[municipality.district_id] += count
        return counts

    def districts(self):
        counts = self.district_counts()
        shapes = geometry().districts
        vocabulary = self.listing.vocabulary.districts
        classes = self.classes(max((counts[d.pk] for d in vocabulary), default=0))
        directory_url = reverse("verzeichnis:directory")
        entries = []
        for district in vocabulary:
            shape = shapes.get(district.slug)
            count = counts[district.pk]
            entries.append(
                DistrictEntry(
                    slug=district.slug,
                    name=district.name,
                    kind=district.get_kind_display(),
                    count=count,
                    colour=colour_of(count, classes),
                    url=f"{directory_url}?{self.listing.query_string(kreis=district.slug)}",
                    selected=district == self.selected,
                    # A district staff add that the boundary data does not know is in the
                    # table, not on the map.
                    path=shape.path if shape else "",
                    label_x=shape.label_x if shape else 0,
                    label_y=shape.label_y if shape else 0,
                )
            )
        return entries

    def places(self):
        """A circle per place with members, its area by their number (the place's centre,
        never an address); the largest first, so that smaller ones are drawn on top."""
        counts = self.listing.counts()["places"]
        positions = geometry().places
        largest = max(counts.values(), default=0)
        directory_url = reverse("verzeichnis:directory")
        chosen = self.place_filters.get("ort")
        entries = []
        for municipality in self.listing.vocabulary.municipalities:
            count = counts.get(municipality.pk, 0)
            if not count:
                continue
            entries.append(
                PlaceEntry(
                    slug=municipality.slug,
                    name=municipality.name,
                    district=municipality.district.name,
                    count=count,
                    url=f"{directory_url}?{self.listing.query_string(ort=municipality.slug)}",
                    selected=municipality.slug == chosen,
                    # A place staff add that the boundary data does not know is in the
                    # table, not on the map.
                    position=positions.get(municipality.name),
                    radius=MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * math.sqrt(count / largest),
                )
            )
        entries.sort(key=lambda entry: (-entry.count, entry.name))
        return entries

    def classes(self, largest):
        if not hasattr(self, "_classes"):
            self._classes = colour_classes(largest)
        return self._classes

    def context(self):
        districts = self.districts()
        total = self.listing.totals()["total"]
        shapes = geometry()
        facets = [f for f in self.listing.facets() if f.parameter not in PLACE_FILTERS]
        return {
            "map": shapes,
            "districts": districts,
            "drawn_districts": [d for d in districts if d.path],
            "legend": self._classes,
            "total": total,
            "summary": self.summary(districts, total),
            "facets": facets,
            "flags": self.listing.flags(),
            "search_query": self.listing.raw.get("q", ""),
            "notices": self.notices,
            "chips": self.listing.chips(),
            "selected_district": self.selected,
            "list_url": (
                f"{reverse('verzeichnis:directory')}?"
                f"{self.listing.query_string(**self.place_filters)}"
            ),
            "layer": self.layer,
            "districts_url": "?" + self.listing.query_string(**self.place_filters),
            "places_url": "?"
            + self.listing.query_string(**self.place_filters, **{LAYER_PARAMETER: PLACES_LAYER}),
            **(self._places_context() if self.layer else {}),
        }

    def _places_context(self):
        places = self.places()
        return {
            "places": places,
            "drawn_places": [place for place in places if place.position],
            "largest_place": places[0] if places else None,
        }

    @staticmethod
    def summary(districts, total):
        """One sentence that says what the colours say."""
        if not total:
            return _("No member matches these filters.")
        top = max(districts, key=lambda d: (d.count, d.name))
        return ngettext(
            "%(count)s member in all; the most in %(district)s (%(top)s).",
            "%(count)s members in all; the most in %(district)s (%(top)s).",
            total,
        ) % {"count": number(total), "district": top.name, "top": number(top.count)}
