"""The upcoming and past lists: filters by association and kind, with their counts."""

from django.db.models import Count
from django.urls import reverse

from kern.listing import FilterOption, Listing
from veranstaltungen.filters import EventFilter
from veranstaltungen.models import Event
from verbaende.models import Association, District


class EventList(Listing):
    """Upcoming or past events, filtered by EventFilter (verband, art, kreis, ort)."""

    per_page = 20

    def __init__(self, params, *, past, now=None):
        self.past = past
        self.base = (
            Event.objects.past(now) if past else Event.objects.upcoming(now)
        ).select_related("association")
        super().__init__(params)
        self.association = self.values.get("verband")
        self.kind = self.values.get("art", "")
        self.district = self.values.get("kreis")
        self.municipality = self.values.get("ort")

    @classmethod
    def field_names(cls):
        return EventFilter.base_filters.keys()

    def build_form(self, data):
        self.filterset = EventFilter(data, queryset=self.base)
        return self.filterset.form

    def object_list(self):
        return self.filterset.qs

    # Filter options ---------------------------------------------------------------------
    def association_options(self):
        counts = dict(
            self._base_with(kind=self.kind, district=self.district, place=self.municipality)
            .order_by()
            .values_list("association")
            .annotate(n=Count("pk"))
        )
        return [
            FilterOption(a.slug, a.short_name, counts.get(a.pk, 0), a == self.association)
            for a in Association.objects.all()
        ]

    def kind_options(self):
        counts = dict(
            self._base_with(
                association=self.association, district=self.district, place=self.municipality
            )
            .order_by()
            .values_list("kind")
            .annotate(n=Count("pk"))
        )
        return [
            FilterOption(value, label, counts.get(value, 0), value == self.kind)
            for value, label in Event.Kind.choices
        ]

    def district_options(self):
        """Districts grouped by their association; online events belong to none."""
        counts = dict(
            self._base_with(kind=self.kind, association=self.association, place=self.municipality)
            .order_by()
            .values_list("municipality__district")
            .annotate(n=Count("pk"))
        )
        return [
            FilterOption(
                district.slug,
                district.name,
                counts.get(district.pk, 0),
                district == self.district,
                district.association.short_name,
            )
            for district in District.objects.select_related("association").order_by(
                "association__name", "name"
            )
        ]

    def place_options(self):
        """The places that have events under the other filters (and the chosen one), grouped
        by district: one query, however many places Saxony has."""
        rows = (
            self._base_with(kind=self.kind, association=self.association, district=self.district)
            .filter(municipality__isnull=False)
            .order_by()
            .values_list(
                "municipality",
                "municipality__slug",
                "municipality__name",
                "municipality__district__name",
            )
            .annotate(n=Count("pk"))
        )
        options = {
            pk: FilterOption(slug, name, n, False, district) for pk, slug, name, district, n in rows
        }
        chosen = self.municipality
        if chosen is not None:
            options.setdefault(
                chosen.pk, FilterOption(chosen.slug, chosen.name, 0, False, chosen.district.name)
            ).selected = True
        return sorted(options.values(), key=lambda option: (option.group, option.label))

    def _base_with(self, *, kind="", association=None, district=None, place=None):
        """The list under the other filters: each option counts what choosing it would give."""
        queryset = self.base
        if place is not None:
            queryset = queryset.in_municipality(place)
        if kind:
            queryset = queryset.of_kind(kind)
        if association is not None:
            queryset = queryset.in_association(association)
        if district is not None:
            queryset = queryset.in_district(district)
        return queryset

    def other_list_url(self):
        """The same filters on the other list (upcoming ↔ past)."""
        name = "veranstaltungen:upcoming" if self.past else "veranstaltungen:past"
        query = self.query_string()
        return reverse(name) + ("?" + query if query else "")

    def context(self):
        return {
            **super().context(),
            "past": self.past,
            "events": self.page().object_list,
            "total": self.page().paginator.count,
            "association_options": self.association_options(),
            "kind_options": self.kind_options(),
            "district_options": self.district_options(),
            "place_options": self.place_options(),
            "selected_association": self.association,
            "other_list_url": self.other_list_url(),
        }
