"""The directory of published profiles: filtering, facet counts, sorting and paging.

One mechanism serves /mitglieder/, the submarket pages and the association pages. The
number of queries is fixed (three groupings for the counts, the page, its disciplines) and
does not grow with the number of profiles or the page size.
"""

from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count
from django.utils.formats import get_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from core.pagination import PAGE_PARAMETER, page_links
from core.search import fold, search_terms, sort_key
from mitglieder.models import Profile
from verzeichnis.cache import COUNTS_CACHE_SECONDS, counts_cache_key
from verzeichnis.filters import SORT_NAME, SORT_NEWEST, SORT_RELEVANCE, ProfileFilter
from verzeichnis.vocabulary import load_vocabulary

PAGE_SIZE = 24
CARD_FIELDS = ("name", "slug", "kind", "tagline", "municipality__name", "municipality__slug")
SORT_PARAMETER = "sortierung"
SORT_CHOICES = {
    SORT_NAME: _("Name A–Z"),  # noqa: RUF001 - the en dash is typographically right
    SORT_NEWEST: _("Newest first"),
    SORT_RELEVANCE: _("Best match"),
}
FILTER_PARAMETERS = ("q", "verband", "kreis", "ort", "teilmarkt", "disziplin", "art")
FLAG_PARAMETERS = ("auftraege", "kooperation")


@dataclass
class FacetOption:
    value: str
    label: str
    count: int | None
    selected: bool = False
    group: str = ""


@dataclass
class Facet:
    parameter: str
    label: str
    options: list[FacetOption] = field(default_factory=list)
    active: bool = False

    def options_html(self):
        """The <option> elements, built here rather than in the template: the place and
        discipline lists hold over a hundred options and template loops made them the most
        expensive part of the page."""
        parts, group = [], None
        separator = get_format("THOUSAND_SEPARATOR")
        for option in self.options:
            if option.group != group:
                if group:
                    parts.append(mark_safe("</optgroup>"))
                if option.group:
                    parts.append(format_html('<optgroup label="{}">', option.group))
                group = option.group
            count = "" if option.count is None else f" ({option.count:,})".replace(",", separator)
            parts.append(
                format_html(
                    '<option value="{}"{}>{}{}</option>',
                    option.value,
                    mark_safe(" selected") if option.selected else "",
                    option.label,
                    count,
                )
            )
        if group:
            parts.append(mark_safe("</optgroup>"))
        return mark_safe("".join(parts))  # noqa: S308 - every part escaped by format_html


@dataclass
class Chip:
    label: str
    remove_url: str


class Directory:
    def __init__(self, request, *, fixed=None):
        """`fixed` pins parameters for entry pages, e.g. {"teilmarkt": "designwirtschaft"}."""
        self.vocabulary = load_vocabulary()
        self.fixed = fixed or {}
        params = request.GET.copy()
        for name, value in self.fixed.items():
            params[name] = value
        self.params = params
        self.filterset = ProfileFilter(
            params, queryset=Profile.objects.listed(), vocabulary=self.vocabulary
        )
        self.selected = self.filterset.selected() if self.filterset.is_bound else {}
        self.queryset = self.filterset.qs

    # Sorting ---------------------------------------------------------------------------
    @property
    def searching(self):
        return bool(self.selected.get("q"))

    @property
    def sort(self):
        requested = self.params.get(SORT_PARAMETER)
        allowed = [SORT_NAME, SORT_NEWEST] + ([SORT_RELEVANCE] if self.searching else [])
        if requested in allowed:
            return requested
        return SORT_RELEVANCE if self.searching else SORT_NAME

    def sort_options(self):
        allowed = [SORT_NAME, SORT_NEWEST] + ([SORT_RELEVANCE] if self.searching else [])
        return [(key, SORT_CHOICES[key], key == self.sort) for key in allowed]

    def ordered(self, queryset):
        # Every ordering ends with the primary key, so pages never overlap or skip rows.
        if self.sort == SORT_NEWEST:
            return queryset.order_by("-published_at", "-pk")
        if self.sort == SORT_RELEVANCE:
            return queryset.order_by("-relevance", "sort_name", "pk")
        return queryset.order_by("sort_name", "pk")

    # Counting --------------------------------------------------------------------------
    def counts(self) -> dict:
        """Every number the page shows about the result, cached per filter state.

        Three grouping queries: profiles by kind, flags, association and place (a few
        hundred rows at most, whatever the number of profiles), then profiles per discipline
        and per submarket. The cache entry carries the directory's version, which every
        change to a profile bumps, so no visitor ever sees a stale count.
        """
        if not hasattr(self, "_counts"):
            key = counts_cache_key(self.state_key())
            counts = cache.get(key)
            if counts is None:
                counts = self._count()
                cache.set(key, counts, COUNTS_CACHE_SECONDS)
            self._counts = counts
        return self._counts

    def state_key(self) -> str:
        """What decides the result set: the filters as parsed, not as typed."""
        parts = []
        for name, value in sorted(self.selected.items()):
            if name == "q":
                value = " ".join(fold(term) for term in search_terms(value))
            elif hasattr(value, "pk"):
                value = value.pk
            parts.append(f"{name}={value}")
        return "&".join(parts)

    def _count(self) -> dict:
        rows = (
            self.queryset.order_by()
            .values(
                "kind",
                "open_for_commissions",
                "seeks_cooperation",
                "association_id",
                "municipality_id",
            )
            .annotate(n=Count("pk"))
        )
        totals, associations, places = Counter(), Counter(), Counter()
        for row in rows:
            totals["total"] += row["n"]
            totals[row["kind"]] += row["n"]
            totals["auftraege"] += row["n"] if row["open_for_commissions"] else 0
            totals["kooperation"] += row["n"] if row["seeks_cooperation"] else 0
            associations[row["association_id"]] += row["n"]
            places[row["municipality_id"]] += row["n"]
        matching = self.queryset.order_by().values("pk")
        through = Profile.disciplines.through.objects.filter(profile_id__in=matching).order_by()
        disciplines = {
            row["discipline_id"]: row["n"]
            for row in through.values("discipline_id").annotate(n=Count("profile_id"))
        }
        submarkets = {
            row["discipline__submarket_id"]: row["n"]
            for row in through.values("discipline__submarket_id").annotate(
                n=Count("profile_id", distinct=True)
            )
        }
        return {
            "totals": dict(totals),
            "associations": dict(associations),
            "places": dict(places),
            "disciplines": disciplines,
            "submarkets": submarkets,
        }

    def totals(self):
        return Counter(self.counts()["totals"])

    def page(self):
        if not hasattr(self, "_page"):
            ordered = self.ordered(self.queryset)
            paginate_ids = self.sort != SORT_RELEVANCE
            paginator = Paginator(ordered.values("pk") if paginate_ids else ordered, PAGE_SIZE)
            # The counts already hold the total; spare the paginator its own COUNT.
            paginator.count = self.totals()["total"]
            page = paginator.get_page(self.params.get(PAGE_PARAMETER))
            if paginate_ids:
                # Find the page's ids first (an index-only scan, even thirty pages deep), then
                # load just those rows: one query, as the ids are a subquery.
                rows = self.ordered(Profile.objects.filter(pk__in=page.object_list))
            else:
                rows = page.object_list
            # Only what a result card shows: the long text and search columns would make
            # every row several kilobytes wide.
            page.object_list = (
                rows.only(*CARD_FIELDS)
                .select_related("municipality")
                .prefetch_related("disciplines")
            )
            self._page = page
        return self._page

    def facets(self):
        """Facets over the current result, labelled from the cached vocabulary."""
        vocabulary = self.vocabulary
        counts = self.counts()
        association_counts, place_counts = counts["associations"], counts["places"]
        discipline_counts, submarket_counts = counts["disciplines"], counts["submarkets"]
        municipalities = vocabulary.by_id("municipalities")
        district_counts = Counter()
        for municipality_id, count in place_counts.items():
            if municipality_id in municipalities:
                district_counts[municipalities[municipality_id].district_id] += count

        regional = [a for a in vocabulary.associations if not a.is_state_association]
        places = sorted(vocabulary.municipalities, key=lambda m: sort_key(m.name))
        facets = [
            self._facet(
                "verband",
                _("Regional association"),
                regional,
                association_counts,
                text=lambda a: a.short_name,
            ),
            self._facet("kreis", _("District"), vocabulary.districts, district_counts),
            self._facet("ort", _("Place"), places, place_counts, group=lambda m: m.district.name),
            self._facet(
                "teilmarkt",
                _("Submarket"),
                vocabulary.submarkets,
                submarket_counts,
                text=lambda s: s.localized_name,
            ),
            self._facet(
                "disziplin",
                _("Discipline"),
                vocabulary.disciplines,
                discipline_counts,
                text=lambda d: d.localized_name,
                group=lambda d: d.submarket.localized_name,
            ),
            self._kind_facet(),
        ]
        return [facet for facet in facets if facet.parameter not in self.fixed]

    def _facet(self, parameter, title, items, counts, *, text=str, group=None):
        chosen = self.selected.get(parameter)
        facet = Facet(parameter, title, active=parameter in self.selected)
        for item in items:
            count = counts.get(item.pk, 0)
            # Options with no hit are hidden; once a facet is in use its options stay
            # visible without counts so that the choice can be changed in one step.
            if not facet.active and count == 0:
                continue
            facet.options.append(
                FacetOption(
                    value=item.slug,
                    label=text(item),
                    count=None if facet.active else count,
                    selected=item == chosen,
                    group=group(item) if group else "",
                )
            )
        return facet

    def _kind_facet(self):
        totals = self.totals()
        facet = Facet("art", _("Kind"), active="art" in self.selected)
        for value, label in Profile.Kind.choices:
            count = totals[value]
            if facet.active or count:
                facet.options.append(
                    FacetOption(
                        value=value,
                        label=label,
                        count=None if facet.active else count,
                        selected=self.selected.get("art") == value,
                    )
                )
        return facet

    def flags(self):
        totals = self.totals()
        return [
            FacetOption(
                "auftraege",
                _("Open for commissions"),
                totals["auftraege"],
                selected=bool(self.selected.get("auftraege")),
            ),
            FacetOption(
                "kooperation",
                _("Looking for cooperation"),
                totals["kooperation"],
                selected=bool(self.selected.get("kooperation")),
            ),
        ]

    # Addresses -------------------------------------------------------------------------
    def query_string(self, **changes):
        """This state's query string with `changes` applied (None removes); the page resets
        because a changed filter makes the old page number meaningless."""
        params = {
            key: self.params.get(key)
            for key in (*FILTER_PARAMETERS, *FLAG_PARAMETERS, SORT_PARAMETER)
            if self.params.get(key) and key not in self.fixed
        }
        params.update(changes)
        return urlencode({key: value for key, value in params.items() if value})

    def pagination(self):
        return page_links(self.page(), self.query_string())

    def chips(self):
        labels = {
            "verband": lambda a: a.short_name,
            "teilmarkt": lambda s: s.localized_name,
            "disziplin": lambda d: d.localized_name,
            "art": lambda value: Profile.Kind(value).label,
        }
        titles = {
            "q": _("Search"),
            "verband": _("Regional association"),
            "kreis": _("District"),
            "ort": _("Place"),
            "teilmarkt": _("Submarket"),
            "disziplin": _("Discipline"),
            "art": _("Kind"),
        }
        chips = []
        for name, value in self.selected.items():
            if name in self.fixed:
                continue
            if name in FLAG_PARAMETERS:
                label = {f.value: f.label for f in self.flags()}[name]
            elif value is None:
                label = f"{titles[name]}: {self.params.get(name)}"
            else:
                shown = labels.get(name, str)(value)
                label = f"{titles[name]}: {shown}"
            chips.append(Chip(label=label, remove_url="?" + self.query_string(**{name: None})))
        return chips

    def context(self):
        return {
            "directory": self,
            "page": self.page(),
            "total": self.totals()["total"],
            "facets": self.facets(),
            "flags": self.flags(),
            "chips": self.chips(),
            "pagination": self.pagination(),
            "search_query": self.params.get("q", "")[:200] if "q" not in self.fixed else "",
            "sort_options": self.sort_options(),
        }
