"""Available spaces of the Raumbörse per district, as the map at /karte/raeume/ shows them.

The counts are the Raumbörse list's own district counts (raeume.listing.SpaceList, which
counts each filter's options under every other active filter), so the map answers the
list's query parameters and agrees with its numbers. Without `art` the map shows offers:
the question it answers is "where are spaces to be had?". As on the members' map a place
filter (`kreis`, `ort`) does not narrow the map but marks its district, and every district
links to the Raumbörse filtered to it. Listings are counted per district of their place,
never drawn at an address.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from karte.district_entries import district_entries, selected_district
from karte.member_map import PLACE_FILTERS, DistrictEntry, number
from karte.shapes import geometry
from kern.pagination import PAGE_PARAMETER
from raeume.filters import SORT_PARAMETER
from raeume.listing import SpaceList

DEFAULT_TYPE = "angebot"
# The list's filters; pages and order mean nothing on a map.
PARAMETERS = SpaceList.parameters() - {PAGE_PARAMETER, SORT_PARAMETER}


class MapSpaceList(SpaceList):
    # Offers or requests is the map's choice of layer (a select), not a removable filter.
    not_filters = (*SpaceList.not_filters, "art")


class SpaceDistrictEntry(DistrictEntry):
    @property
    def text(self):
        return ngettext(
            "%(district)s: %(count)s listing", "%(district)s: %(count)s listings", self.count
        ) % {"district": self.name, "count": number(self.count)}


class SpaceMap:
    def __init__(self, params):
        kept = params.copy()
        for name in list(kept):
            if name not in PARAMETERS or name in PLACE_FILTERS:
                del kept[name]
        if not kept.get("art"):
            kept["art"] = DEFAULT_TYPE
        self.listing = MapSpaceList(kept)
        self.selected = selected_district(params)

    def districts(self):
        list_url = reverse("raeume:list")
        entries, self.legend = district_entries(
            self.listing.district_options(),
            entry_class=SpaceDistrictEntry,
            url_of=lambda slug: f"{list_url}?{self.listing.query_string(kreis=slug)}",
            selected=self.selected,
        )
        return entries

    def context(self):
        districts = self.districts()
        total = sum(entry.count for entry in districts)
        place_filters = {
            name: self.selected.slug for name in ("kreis",) if self.selected is not None
        }
        return {
            "map": geometry(),
            "districts": districts,
            "drawn_districts": [entry for entry in districts if entry.path],
            "legend": self.legend,
            "total": total,
            "summary": self.summary(districts, total),
            "notices": self.listing.notices,
            "chips": self.listing.chips(),
            "type_options": self.listing.type_options(),
            "kind_options": self.listing.kind_options(),
            "layer": "",
            "list_url": f"{reverse('raeume:list')}?{self.listing.query_string(**place_filters)}",
        }

    @staticmethod
    def summary(districts, total):
        if not total:
            return _("No listing matches these filters.")
        top = max(districts, key=lambda entry: (entry.count, entry.name))
        return ngettext(
            "%(count)s listing in all; the most in %(district)s (%(top)s).",
            "%(count)s listings in all; the most in %(district)s (%(top)s).",
            total,
        ) % {"count": number(total), "district": top.name, "top": number(top.count)}
