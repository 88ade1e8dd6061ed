"""The Raumbörse list at /raeume/: offers and requests with filters, their counts, chips,
sorting and paging on top of kern.listing.

Each filter's options count what choosing that option would give: the list under every
other active filter. The number of queries is fixed (one count per filter, the page, its
photos) and does not grow with the number of listings or the page size.
"""

from decimal import Decimal

from django.db.models import Case, Count, F, Prefetch, Value, When
from django.db.models.functions import Coalesce

from kern.listing import FilterOption, Listing, query_string
from raeume.filters import (
    SORT_CHOICES,
    SORT_NEWEST,
    SORT_PARAMETER,
    SORT_PRICE,
    SORT_SIZE,
    TYPE_CHOICES,
    TYPE_PARAMETER_VALUES,
    SpaceFilterForm,
)
from raeume.models import Feature, ListingPhoto
from raeume.models import Listing as SpaceListing
from verbaende.models import District

PAGE_SIZE = 20


class SpaceList(Listing):
    form_class = SpaceFilterForm
    per_page = PAGE_SIZE
    not_filters = (SORT_PARAMETER,)

    def _filtered(self, *, without=()):
        """The public listings under every active filter except those named in `without`."""
        values = {name: value for name, value in self.values.items() if name not in without}
        listings = (
            SpaceListing.objects.public()
            if values.get("vergeben")
            else SpaceListing.objects.available()
        )
        if "art" in values:
            listings = listings.filter(listing_type=TYPE_PARAMETER_VALUES[values["art"]])
        if "raum" in values:
            listings = listings.of_kind(values["raum"])
        if "kreis" in values:
            listings = listings.in_district(values["kreis"])
        if "ort" in values:
            listings = listings.in_municipality(values["ort"])
        if "ab" in values:
            listings = listings.at_least_m2(values["ab"])
        if "bis" in values:
            listings = listings.at_most_m2(values["bis"])
        if "preis" in values:
            listings = listings.priced_at_most(values["preis"])
        if "ausstattung" in values:
            listings = listings.with_features(values["ausstattung"])
        return listings

    def object_list(self):
        listings = self._filtered().select_related("municipality__district", "profile")
        listings = listings.prefetch_related(
            Prefetch("photos", queryset=ListingPhoto.objects.order_by("position", "pk"))
        )
        sort = self.values.get(SORT_PARAMETER, SORT_NEWEST)
        if sort == SORT_PRICE:
            # Free spaces first, then by price; listings without a price last.
            return listings.annotate(
                sort_price=Case(
                    When(price_unit=SpaceListing.PriceUnit.FREE, then=Value(Decimal(0))),
                    default=Coalesce("price", "max_price"),
                )
            ).order_by(F("sort_price").asc(nulls_last=True), "-published_at", "-pk")
        if sort == SORT_SIZE:
            return listings.annotate(sort_size=Coalesce("size_m2", "size_max_m2")).order_by(
                F("sort_size").desc(nulls_last=True), "-published_at", "-pk"
            )
        return listings.order_by("-published_at", "-pk")

    # Filter options ---------------------------------------------------------------------
    def _counts(self, without, field):
        return dict(
            self._filtered(without=without)
            .order_by()
            .values_list(field)
            # No filter multiplies rows (features are matched by subquery), and grouping by
            # feature gives one row per listing and feature: a plain count is exact, and
            # lets PostgreSQL hash instead of sorting (bench/raeume.py).
            .annotate(n=Count("pk"))
        )

    def type_options(self):
        counts = self._counts(("art",), "listing_type")
        selected = self.values.get("art", "")
        return [
            FilterOption(
                value, label, counts.get(TYPE_PARAMETER_VALUES[value], 0), value == selected
            )
            for value, label in TYPE_CHOICES
        ]

    def kind_options(self):
        counts = self._counts(("raum",), "space_kind")
        selected = self.values.get("raum", "")
        return [
            FilterOption(value, label, counts.get(value, 0), value == selected)
            for value, label in SpaceListing.SpaceKind.choices
        ]

    def district_options(self):
        counts = self._counts(("kreis",), "municipality__district")
        selected = self.values.get("kreis")
        return [
            FilterOption(
                district.slug,
                district.name,
                counts.get(district.pk, 0),
                district == selected,
                district.association.short_name,
            )
            for district in District.objects.select_related("association").order_by(
                "association__name", "name"
            )
        ]

    def place_options(self):
        """Places with listings (and the chosen one), grouped by district: Saxony has over
        400 municipalities, most without any listing."""
        selected = self.values.get("ort")
        rows = (
            self._filtered(without=("ort",))
            .order_by()
            .values_list("municipality__slug", "municipality__name", "municipality__district__name")
            .annotate(n=Count("pk", distinct=True))
        )
        options = {
            slug: FilterOption(slug, name, n, False, district) for slug, name, district, n in rows
        }
        if selected is not None:
            options.setdefault(
                selected.slug, FilterOption(selected.slug, selected.name, 0, False, "")
            ).selected = True
        return sorted(options.values(), key=lambda option: (option.group, option.label))

    def feature_options(self):
        counts = self._counts(("ausstattung",), "features")
        chosen = {feature.pk for feature in self.values.get("ausstattung", ())}
        return [
            FilterOption(
                feature.slug, feature.name, counts.get(feature.pk, 0), feature.pk in chosen
            )
            for feature in Feature.objects.all()
        ]

    def alert_query(self) -> str:
        """The active filters in the terms of an e-mail alert for spaces
        (/benachrichtigungen/?art=raeume&...): what an alert can watch for of them."""
        values = self.values
        return query_string(
            {
                "typ": TYPE_PARAMETER_VALUES[values["art"]] if values.get("art") else None,
                "raumart": values.get("raum"),
                "kreis": values["kreis"].slug if values.get("kreis") else None,
                "preis_max": values.get("preis"),
                "flaeche_min": values.get("ab"),
            }
        )

    def context(self):
        context = super().context()
        return {
            **context,
            "spaces": context["page"].object_list,
            "total": context["page"].paginator.count,
            "type_options": self.type_options(),
            "kind_options": self.kind_options(),
            "district_options": self.district_options(),
            "place_options": self.place_options(),
            "feature_options": self.feature_options(),
            "sort_choices": SORT_CHOICES,
            "sort": self.values.get(SORT_PARAMETER, SORT_NEWEST),
            "show_taken": bool(self.values.get("vergeben")),
            "size_from": self.raw.get("ab", ""),
            "size_to": self.raw.get("bis", ""),
            "max_price": self.raw.get("preis", ""),
            "alert_query": self.alert_query(),
        }
