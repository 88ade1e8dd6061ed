"""Upcoming events per district, as the map at /karte/veranstaltungen/ shows them.

The counts are the upcoming event list's own district counts (veranstaltungen.listing.
EventList, which counts each filter's options under the other active filters), so the map
answers the list's query parameters (`verband`, `art`) and agrees with its numbers. A place
filter marks its district instead of narrowing the map; every district links to the list
filtered to it. Events count in the district of their municipality; online events and
events whose place is outside Saxony are named in the summary, not drawn.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from karte.district_entries import district_entries, selected_district
from karte.member_map import PLACE_FILTERS, DistrictEntry, number
from karte.shapes import geometry
from kern.pagination import PAGE_PARAMETER
from veranstaltungen.listing import EventList

# The list's filters; pages mean nothing on a map.
PARAMETERS = frozenset(EventList.parameters() - {PAGE_PARAMETER} | {"ort"})


class EventDistrictEntry(DistrictEntry):
    @property
    def text(self):
        return ngettext(
            "%(district)s: %(count)s event", "%(district)s: %(count)s events", self.count
        ) % {"district": self.name, "count": number(self.count)}


class EventMap:
    def __init__(self, params):
        kept = params.copy()
        for name in list(kept):
            if name not in PARAMETERS or name in PLACE_FILTERS:
                del kept[name]
        self.listing = EventList(kept, past=False)
        self.selected = selected_district(params)

    def districts(self):
        list_url = reverse("veranstaltungen:upcoming")
        entries, self.legend = district_entries(
            self.listing.district_options(),
            entry_class=EventDistrictEntry,
            url_of=lambda slug: f"{list_url}?{self.listing.query_string(kreis=slug)}",
            selected=self.selected,
        )
        return entries

    def context(self):
        districts = self.districts()
        on_map = sum(entry.count for entry in districts)
        total = self.listing.page().paginator.count
        place_filters = {"kreis": self.selected.slug} if self.selected is not None else {}
        return {
            "map": geometry(),
            "districts": districts,
            "drawn_districts": [entry for entry in districts if entry.path],
            "legend": self.legend,
            "total": on_map,
            "elsewhere": total - on_map,
            "summary": self.summary(districts, on_map),
            "notices": self.listing.notices,
            "chips": self.listing.chips(),
            "association_options": self.listing.association_options(),
            "kind_options": self.listing.kind_options(),
            "layer": "",
            "list_url": (
                f"{reverse('veranstaltungen:upcoming')}?"
                f"{self.listing.query_string(**place_filters)}"
            ),
        }

    @staticmethod
    def summary(districts, total):
        if not total:
            return _("No upcoming event on site matches these filters.")
        top = max(districts, key=lambda entry: (entry.count, entry.name))
        return ngettext(
            "%(count)s upcoming event on site; the most in %(district)s (%(top)s).",
            "%(count)s upcoming events on site; the most in %(district)s (%(top)s).",
            total,
        ) % {"count": number(total), "district": top.name, "top": number(top.count)}
