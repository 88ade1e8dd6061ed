"""The Raumbörse list at /raeume/: offers and requests with filters, their counts, chips,
sorting and paging on top of kern.listing.

Each filter's options count what choosing that option would give: the list under every
other active filter. The number of queries is fixed (one count per filter, the page, its
photos) and does not grow with the number of listings or the page size.
"""

import hashlib

from django.core.cache import cache
from django.db.models import Count, F, Prefetch
from django.db.models.functions import Coalesce
from django.utils import timezone

from kern.listing import FilterOption, Listing, query_string
from kern.page_cache import content_version
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
            # Free spaces first, then by price; listings without a price last. The stored
            # sort price has an index in this order (raeume_listing_cheapest).
            return listings.order_by(F("sort_price").asc(nulls_last=True), "-published_at", "-pk")
        if sort == SORT_SIZE:
            return listings.annotate(sort_size=Coalesce("size_m2", "size_max_m2")).order_by(
                F("sort_size").desc(nulls_last=True), "-published_at", "-pk"
            )
        return listings.order_by("-published_at", "-pk")

    # Counts -----------------------------------------------------------------------------
    # Every option count and the total, computed once per filter state and cached under the
    # public content version (bumped by every listing, feature or place change, like the
    # page cache: kern.apps) and the day (a listing leaves the list after its last day). So
    # only the first visitor of a state after a change counts; everyone else reads one key.
    COUNTS_CACHE_SECONDS = 10 * 60

    def state_key(self) -> str:
        """What decides the counts: the filters as parsed (not the order, not the page)."""
        parts = []
        for name, value in sorted(self.values.items()):
            if name == SORT_PARAMETER:
                continue
            if hasattr(value, "pk"):
                value = value.pk
            elif name == "ausstattung":
                value = ",".join(str(pk) for pk in sorted(feature.pk for feature in value))
            parts.append(f"{name}={value}")
        return "&".join(parts)

    def counts(self) -> dict:
        if not hasattr(self, "_cached_counts"):
            digest = hashlib.sha256(self.state_key().encode()).hexdigest()[:32]
            key = f"raeume-counts:{content_version()}:{timezone.localdate()}:{digest}"
            counts = cache.get(key)
            if counts is None:
                counts = self._count()
                cache.set(key, counts, self.COUNTS_CACHE_SECONDS)
            self._cached_counts = counts
        return self._cached_counts

    def count(self):
        return self.counts()["total"]

    # The four filters that are columns of a listing: one grouped query over the listings
    # under every other filter gives a cell per combination of them, and each of their
    # counts (and the total) is a sum over the cells that match the other three.
    CELL_FILTERS = ("art", "raum", "kreis", "ort")

    def _count(self) -> dict:
        cells = list(
            self._filtered(without=self.CELL_FILTERS)
            .order_by()
            .values_list(
                "listing_type",
                "space_kind",
                "municipality__district",
                "municipality",
                "municipality__slug",
                "municipality__name",
                "municipality__district__name",
            )
            # One row per listing before grouping (features match by subquery).
            .annotate(n=Count("pk"))
        )
        wanted = self._cell_values()
        totals = {name: {} for name in self.CELL_FILTERS}
        places = {}
        total = 0
        for listing_type, kind, district, municipality, slug, name, district_name, n in cells:
            values = {"art": listing_type, "raum": kind, "kreis": district, "ort": municipality}
            misses = [f for f in self.CELL_FILTERS if f in wanted and values[f] != wanted[f]]
            if not misses:
                total += n
            if len(misses) > 1:
                continue
            # A cell that misses one filter at most counts for that filter's options (or,
            # matching all, for every filter's).
            for facet in misses or self.CELL_FILTERS:
                key = values[facet]
                totals[facet][key] = totals[facet].get(key, 0) + n
                if facet == "ort":
                    row = places.setdefault(slug, [slug, name, district_name, 0])
                    row[3] += n
        return {
            "total": total,
            "types": totals["art"],
            "kinds": totals["raum"],
            "districts": totals["kreis"],
            "places": [tuple(row) for row in places.values()],
            "district_rows": [
                (district.pk, district.slug, district.name, district.association.short_name)
                for district in District.objects.select_related("association").order_by(
                    "association__name", "name"
                )
            ],
            "features": self._feature_counts(),
            "feature_rows": list(Feature.objects.values_list("pk", "slug", "name")),
        }

    def _cell_values(self) -> dict:
        """The chosen values of the cell filters, as the grouped query names them."""
        values = self.values
        wanted = {}
        if "art" in values:
            wanted["art"] = TYPE_PARAMETER_VALUES[values["art"]]
        if "raum" in values:
            wanted["raum"] = values["raum"]
        if "kreis" in values:
            wanted["kreis"] = values["kreis"].pk
        if "ort" in values:
            wanted["ort"] = values["ort"].pk
        return wanted

    def _feature_counts(self):
        """Listings per feature under the other filters: grouped on the link table alone,
        joined to the narrowed listings, so listings without features cost nothing."""
        link = SpaceListing.features.through
        listings = self._filtered(without=("ausstattung",)).order_by().values("pk")
        return dict(
            link.objects.filter(listing__in=listings)
            .order_by()
            .values_list("feature")
            .annotate(n=Count("pk"))
        )

    # Filter options ---------------------------------------------------------------------
    def type_options(self):
        counts = self.counts()["types"]
        selected = self.values.get("art", "")
        return [
            FilterOption(
                value, label, counts.get(TYPE_PARAMETER_VALUES[value], 0), value == selected
            )
            for value, label in TYPE_CHOICES
        ]

    def kind_options(self):
        counts = self.counts()["kinds"]
        selected = self.values.get("raum", "")
        return [
            FilterOption(value, label, counts.get(value, 0), value == selected)
            for value, label in SpaceListing.SpaceKind.choices
        ]

    def district_options(self):
        counts = self.counts()["districts"]
        selected = self.values.get("kreis")
        return [
            FilterOption(
                slug, name, counts.get(pk, 0), selected is not None and pk == selected.pk, group
            )
            for pk, slug, name, group in self.counts()["district_rows"]
        ]

    def place_options(self):
        """Places with listings (and the chosen one), grouped by district: Saxony has over
        400 municipalities, most without any listing."""
        selected = self.values.get("ort")
        options = {
            slug: FilterOption(slug, name, n, False, district)
            for slug, name, district, n in self.counts()["places"]
        }
        if selected is not None:
            options.setdefault(
                selected.slug, FilterOption(selected.slug, selected.name, 0, False, "")
            ).selected = True
        return sorted(options.values(), key=lambda option: (option.group, option.label))

    def feature_options(self):
        counts = self.counts()["features"]
        chosen = {feature.pk for feature in self.values.get("ausstattung", ())}
        return [
            FilterOption(slug, name, counts.get(pk, 0), pk in chosen)
            for pk, slug, name in self.counts()["feature_rows"]
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
