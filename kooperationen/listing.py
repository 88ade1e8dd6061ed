"""The public list of calls: filters by direction, Teilmarkt, district and place, with
counts; sorted by newest or by deadline. A call for all of Saxony counts in every district
and place."""

from django.db.models import Count, Prefetch

from kern.listing import FilterOption, Listing, query_string
from kooperationen.filters import (
    DIRECTION_CHOICES,
    DIRECTIONS,
    SORT_CHOICES,
    SORT_DEADLINE,
    CallFilter,
)
from kooperationen.models import Call
from teilmaerkte.models import Submarket
from verbaende.models import District, Municipality


class CallList(Listing):
    per_page = 20
    not_filters = ("sortierung",)

    def __init__(self, params):
        self.base = Call.objects.public()
        super().__init__(params)

    @classmethod
    def field_names(cls):
        return CallFilter.base_filters.keys()

    def build_form(self, data):
        self.filterset = CallFilter(data, queryset=self.base)
        self.filterset.form.fields["teilmarkt"].label_from_instance = lambda s: s.localized_name
        return self.filterset.form

    @property
    def sort(self):
        return self.values.get("sortierung", "")

    def object_list(self):
        calls = self.filterset.qs.select_related(
            "profile", "municipality__district"
        ).prefetch_related(
            Prefetch("submarkets", queryset=Submarket.objects.order_by("position", "pk"))
        )
        if self.sort == SORT_DEADLINE:
            return calls.by_deadline()
        return calls.newest_first()

    # Filter options: each counts what choosing it would give under the other filters.
    def _base_without(self, name):
        calls = self.base
        direction = self.values.get("art")
        if direction and name != "art":
            calls = calls.of_direction(DIRECTIONS[direction])
        if "teilmarkt" in self.values and name != "teilmarkt":
            calls = calls.in_submarket(self.values["teilmarkt"])
        if "kreis" in self.values and name not in ("kreis", "ort"):
            calls = calls.in_district(self.values["kreis"])
        if "ort" in self.values and name not in ("kreis", "ort"):
            calls = calls.in_municipality(self.values["ort"])
        return calls.order_by()

    def direction_options(self):
        counts = dict(self._base_without("art").values_list("direction").annotate(n=Count("pk")))
        chosen = self.raw.get("art")
        return [
            FilterOption(value, label, counts.get(DIRECTIONS[value], 0), value == chosen)
            for value, label in DIRECTION_CHOICES
        ]

    def submarket_options(self):
        counts = dict(
            self._base_without("teilmarkt")
            .values_list("submarkets")
            .annotate(n=Count("pk", distinct=True))
        )
        chosen = self.values.get("teilmarkt")
        return [
            FilterOption(s.slug, s.localized_name, counts.get(s.pk, 0), s == chosen)
            for s in Submarket.objects.order_by("position", "pk")
        ]

    def _place_counts(self):
        """Calls per district and per place, and those for all of Saxony (which count in
        every one), in one query."""
        rows = (
            self._base_without("kreis")
            .values_list("municipality", "municipality__district")
            .annotate(n=Count("pk"))
        )
        by_district, by_place, everywhere = {}, {}, 0
        for place, district, n in rows:
            if place is None:
                everywhere += n
                continue
            by_place[place] = by_place.get(place, 0) + n
            by_district[district] = by_district.get(district, 0) + n
        return by_district, by_place, everywhere

    def place_options(self):
        by_district, by_place, everywhere = self._place_counts()
        district = self.values.get("kreis")
        place = self.values.get("ort")
        districts = [
            FilterOption(d.slug, d.name, by_district.get(d.pk, 0) + everywhere, d == district)
            for d in District.objects.order_by("name")
        ]
        # Places with calls of their own (and the chosen one), within the chosen district.
        shown = set(by_place)
        if place is not None:
            shown.add(place.pk)
        municipalities = Municipality.objects.filter(pk__in=shown).order_by("name")
        if district is not None:
            municipalities = municipalities.filter(district=district)
        places = [
            FilterOption(m.slug, m.name, by_place.get(m.pk, 0) + everywhere, m == place)
            for m in municipalities
        ]
        return districts, places, everywhere

    def sort_options(self):
        chosen = self.sort or SORT_CHOICES[0][0]
        return [FilterOption(value, label, None, value == chosen) for value, label in SORT_CHOICES]

    def alert_query(self) -> str:
        """The chosen Teilmarkt as an e-mail alert for calls
        (/benachrichtigungen/?art=kooperationen&...): alerts watch calls per Teilmarkt."""
        submarket = self.values.get("teilmarkt")
        return query_string({"teilmarkt": submarket.slug if submarket else None})

    def context(self):
        districts, places, everywhere = self.place_options()
        return {
            **super().context(),
            "calls": self.page().object_list,
            "total": self.page().paginator.count,
            "direction_options": self.direction_options(),
            "submarket_options": self.submarket_options(),
            "district_options": districts,
            "place_options": places,
            "all_saxony_count": everywhere,
            "sort_options": self.sort_options(),
            "alert_query": self.alert_query(),
        }
