"""The directory of published profiles: facet counts, sorting and paging on top of
kern.listing, which parses the query string (verzeichnis.filters) and builds chips and links.

One list serves /mitglieder/, the submarket pages and the association pages. The
number of queries is fixed (two reads of the facet counters, or one for a search; the
page; its disciplines) and does not grow with the number of profiles or the
page size.
"""

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from html import escape

from django.core.cache import cache
from django.db.models import Count, OuterRef, Subquery, Sum
from django.utils.formats import get_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from kern import versions
from kern.listing import FilterOption, Listing, query_string
from kern.search import fold, query_words, search_terms, sort_key
from kern.text import printable_excerpt
from mitglieder.indexing import vocabulary_id
from mitglieder.models import PROFILES_VERSION, Profile
from mitglieder.search import (
    count_condition,
    count_tsquery,
    counted_relevance,
    uses_postgres_search,
    vocabulary_matches,
)
from verzeichnis.cache import (
    COUNTS_CACHE_SECONDS,
    ESTIMATE_CACHE_SECONDS,
    counts_cache_key,
    estimate_cache_key,
    search_counts_cache_key,
)
from verzeichnis.counters import (
    ANY_PLACE,
    DISCIPLINES,
    PROFILES,
    SUBMARKETS,
    TALLIED_COLUMNS,
    Tallied,
    changes_since,
    counted_profiles,
    counted_row_test,
    counted_state,
    grouped_match_counts,
    unpack_ids,
)
from verzeichnis.filters import (
    SORT_CHOICES,
    SORT_NAME,
    SORT_NEWEST,
    SORT_PARAMETER,
    SORT_RELEVANCE,
    VOCABULARY_FILTERS,
    ProfileFilter,
)
from verzeichnis.models import CountedProfile
from verzeichnis.spelling import did_you_mean
from verzeichnis.vocabulary import load_vocabulary

PAGE_SIZE = 24
CARD_FIELDS = (
    "name",
    "slug",
    "kind",
    "tagline",
    "image_renditions",
    "municipality__name",
    "municipality__slug",
)
# What a counter cell or a search's match is tallied by: kind, flags, association, place.
TALLY_FIELDS = TALLIED_COLUMNS[:5]


@dataclass
class Facet:
    parameter: str
    label: str
    options: list[FilterOption] = field(default_factory=list)
    active: bool = False

    def options_html(self):
        """The <option> elements, built here rather than in the template: the place and
        discipline lists hold over a hundred options and template loops made them the most
        expensive part of the page. Plain string formatting with html.escape, not
        format_html: its lazy-aware escaping cost 11 µs an option, 2 ms a search page."""
        parts, group = [], None
        separator = get_format("THOUSAND_SEPARATOR")
        for option in self.options:
            if option.group != group:
                if group:
                    parts.append("</optgroup>")
                if option.group:
                    parts.append(f'<optgroup label="{escape(str(option.group))}">')
                group = option.group
            count = "" if option.count is None else f" ({option.count:,})".replace(",", separator)
            selected = " selected" if option.selected else ""
            parts.append(
                f'<option value="{escape(str(option.value))}"{selected}>'
                f"{escape(str(option.label))}{count}</option>"
            )
        if group:
            parts.append("</optgroup>")
        return mark_safe("".join(parts))  # noqa: S308 - every value and label escaped above


class Directory(Listing):
    per_page = PAGE_SIZE
    not_filters = (SORT_PARAMETER,)

    def __init__(self, params, *, fixed=None):
        """`fixed` pins parameters for entry pages, e.g. {"teilmarkt": "designwirtschaft"}."""
        self.vocabulary = load_vocabulary()
        super().__init__(params, fixed=fixed)
        if self.searching and not query_words(self.values["q"]):
            # Only stopwords or short words: the search filters nothing; say so.
            self.notices.append(
                _("“%(query)s” has only very short or very common words. All members are shown.")
                % {"query": printable_excerpt(self.values["q"])}
            )

    @cached_property
    def queryset(self):
        """The filtered profiles. Built when first asked for: a search on PostgreSQL finds,
        counts and pages its matches in the counted rows and never needs them (building
        the search's annotations for nothing took a quarter of an eight-word search's time
        in Python)."""
        return self.filterset.qs

    @classmethod
    def field_names(cls):
        return ProfileFilter.base_filters.keys()

    def build_form(self, data):
        self.filterset = ProfileFilter(
            data, queryset=Profile.objects.listed(), vocabulary=self.vocabulary
        )
        return self.filterset.form

    # Sorting ---------------------------------------------------------------------------
    @property
    def searching(self):
        return "q" in self.values

    def sorts(self):
        # Relevance needs a search to rank by; a link may still carry it once the search
        # chip is removed, and then means the default.
        return [SORT_NAME, SORT_NEWEST] + ([SORT_RELEVANCE] if self.searching else [])

    @property
    def sort(self):
        requested = self.values.get(SORT_PARAMETER)
        if requested in self.sorts():
            return requested
        return SORT_RELEVANCE if self.searching else SORT_NAME

    def sort_options(self):
        return [(key, SORT_CHOICES[key], key == self.sort) for key in self.sorts()]

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

        Without a search they are sums of the facet counters the write path keeps
        (verzeichnis.counters); a search tallies its matching profiles. The cache entry
        carries the directory's version, which every change to a profile bumps (and the
        counters' update after it), so no visitor ever sees a stale count. A search on
        PostgreSQL keeps its counts across changes and catches up with them instead
        (_search_counts).
        """
        if not hasattr(self, "_counts") and self.searches_counted_rows:
            self._counts = self._search_counts()
        if not hasattr(self, "_counts"):
            key = counts_cache_key(self.state_key())
            counts = cache.get(key)
            if counts is None:
                counts = self._count()
                cache.set(key, counts, COUNTS_CACHE_SECONDS)
            self._counts = counts
        return self._counts

    def state_key(self, values=None) -> str:
        """What decides the result set (of these `values`, this list's by default): the
        filters as parsed, not as typed."""
        parts = []
        for name, value in sorted((self.values if values is None else values).items()):
            if name == SORT_PARAMETER:
                continue  # the order changes no count
            if name == "q":
                value = " ".join(fold(term) for term in search_terms(value))
            elif hasattr(value, "pk"):
                value = value.pk
            parts.append(f"{name}={value}")
        return "&".join(parts)

    def _count(self, values=None) -> dict:
        """The counts of `values` (this list's by default), not cached."""
        counted = counted_state(
            self.values if values is None else values, self._places_by_district()
        )
        if counted is None:
            # A search, or both a submarket and a discipline: only this list's own state
            # (_search_index_pays_off asks the counters for no other).
            return self._count_matches()
        # Two small reads of the facet counters (verzeichnis.counters): the profile cells
        # of this state (a cell per association, place, kind and flags), then the
        # discipline and submarket cells summed per value.
        cells, by_place = counted
        totals, associations, places = _tally(
            cells.filter(facet=PROFILES).values_list(*TALLY_FIELDS, "n")
        )
        per_value = cells.filter(facet__in=[DISCIPLINES, SUBMARKETS])
        if not by_place:
            per_value = per_value.filter(municipality_id=ANY_PLACE)
        disciplines, submarkets = {}, {}
        for facet, value, n in (
            per_value.values("facet", "value")
            .annotate(total=Sum("n"))
            .values_list("facet", "value", "total")
        ):
            (disciplines if facet == DISCIPLINES else submarkets)[value] = n
        return {
            "totals": dict(totals),
            "associations": dict(associations),
            "places": dict(places),
            "disciplines": disciplines,
            "submarkets": submarkets,
        }

    def _places_by_district(self):
        places = {}
        for municipality in self.vocabulary.municipalities:
            places.setdefault(municipality.district_id, []).append(municipality.pk)
        return places

    def _count_matches(self) -> dict:
        """Counts of a search: one query that finds the matching profiles once and groups
        what the counters noted of them (place, kind, flags, sets of disciplines).

        On PostgreSQL the matches are found in the counters' narrow rows themselves (their
        count vectors, verzeichnis.counters), not in the wide profile rows: at 200 000
        profiles that took "Fotografie" (22 000 matches) from about 130 to 30 ms."""
        if self.searches_counted_rows:
            rows, _ = grouped_match_counts(self._counted_matches())
        else:
            rows = (
                CountedProfile.objects.filter(profile_id__in=self.queryset.order_by().values("pk"))
                .values(*TALLIED_COLUMNS)
                .annotate(n=Count("pk"))
                .values_list(*TALLIED_COLUMNS, "n")
            )
        return _tallied_matches(rows)

    def _search_counts(self) -> dict:
        """The counts of a search on PostgreSQL, kept across profile changes.

        Every profile change made the next visitor of every search count all its matches
        again (20 ms for "Fotografie" at 200 000 profiles). Instead the counts are kept with
        the latest counter change they include (CountedChange), and a request after later
        changes catches up with them: it takes away the changed profiles' counted rows as
        they were and adds them as they are now, where they match the search and filters,
        in one query over the few changed rows. Counted afresh when the changes since are
        no longer kept, after a rebuild of the counters, or when staff change what the
        words mean (the count's tsquery is part of the key)."""
        key = search_counts_cache_key(f"{self.state_key()}&count={self._count_tsquery}")
        # Read before the rows: a change that commits later is caught up with next time.
        profiles_version = versions.current(PROFILES_VERSION)
        cached = cache.get(key)
        if cached is not None:
            seen, change_id, counts = cached
            if seen == profiles_version:
                return counts  # no counter change since (each bumps the version)
            caught_up = changes_since(change_id, self._count_tsquery)
            if caught_up is not None:
                rows, latest = caught_up
                counts = _with_changes(counts, self._changed_counts(rows))
                cache.set(key, (profiles_version, latest, counts), COUNTS_CACHE_SECONDS)
                return counts
        rows, latest = grouped_match_counts(self._counted_matches())
        counts = _tallied_matches(rows)
        cache.set(key, (profiles_version, latest, counts), COUNTS_CACHE_SECONDS)
        return counts

    def _changed_counts(self, rows) -> dict:
        """What changes_since's rows add to the counts (negative where they take away)."""
        keep = counted_row_test(self.values, self._places_by_district())
        grouped = []
        for sign, *columns, matches in rows:
            row = Tallied(*columns)
            if matches and keep(row):
                # As grouped_match_counts' two grouping sets would have counted it.
                grouped.append((*row[:5], None, None, sign))
                grouped.append((None, None, None, None, None, *row[5:], sign))
        return _tallied_matches(grouped)

    @cached_property
    def _count_tsquery(self):
        return count_tsquery(self.values.get("q", ""), self.vocabulary.search_items)

    def totals(self):
        return Counter(self.counts()["totals"])

    # Searching the counted rows ------------------------------------------------------------
    @property
    def searches_counted_rows(self):
        """On PostgreSQL a search is counted, ranked and paged in the counters' narrow rows
        (verzeichnis.counters) rather than in the wide profile rows: at 200 000 profiles,
        reading 22 000 profile rows for "Fotografie" took a quarter of a second."""
        return self.searching and uses_postgres_search()

    def _counted_matches(self):
        return counted_profiles(self.values, self._places_by_district()).filter(
            count_condition(
                self.values.get("q", ""),
                self.vocabulary.search_items,
                indexed=self._search_index_pays_off,
            )
        )

    @cached_property
    def _search_index_pays_off(self) -> bool:
        """Whether to find the search's matches through the index of its words (as a rule)
        rather than by testing every profile the other filters leave. The index reads an
        entry for each profile of every place, discipline and Teilmarkt a word names:
        "Design" among Leipzig's companies read 100 000 entries for 11 500 matches (55 ms at
        200 000 profiles) where testing the 19 000 companies took 31 ms. Both sizes come
        from the counters."""
        filters = {
            name: value for name, value in self.values.items() if name not in ("q", SORT_PARAMETER)
        }
        if not filters or counted_state(filters, {}) is None:
            return True  # nothing narrows the rows, or the counters cannot say how much
        narrowed = self._estimate(
            "total", filters, lambda: self._count(filters)["totals"].get("total", 0)
        )
        profiles_per_id = self._estimate("per-id", {}, self._profiles_per_vocabulary_id)
        entries = sum(
            profiles_per_id.get(item_id, 0)
            for item_id in vocabulary_matches(self.values["q"], self.vocabulary.search_items)
        )
        # Testing a row costs about twice what reading an index entry does.
        return 2 * narrowed >= entries

    def _estimate(self, name, values, compute):
        # Kept across profile changes, unlike the counts: a size that is a few changes old
        # can only choose the slower way, never change a result, and the first search after
        # every change would otherwise pay for four more queries.
        key = estimate_cache_key(name, self.state_key(values))
        return cache.get_or_set(key, compute, ESTIMATE_CACHE_SECONDS)

    def _profiles_per_vocabulary_id(self) -> dict:
        everything = self._count({})
        return {
            **_ids_counted("discipline", everything["disciplines"]),
            **_ids_counted("submarket", everything["submarkets"]),
            **_ids_counted("municipality", everything["places"]),
            **_ids_counted("district", self._district_counts(everything["places"])),
        }

    @cached_property
    def _counted_relevance(self):
        # Built once: the page's ids and its rows are ordered by the same expression.
        return counted_relevance(self.values.get("q", ""), self.vocabulary.search_items)

    # Paging ----------------------------------------------------------------------------
    @property
    def pages_by_id(self):
        # Relevance is computed per row, so a search ranked by it in the profiles pages the
        # rows themselves; the counted rows rank and page ids in every order.
        return self.sort != SORT_RELEVANCE or self.searches_counted_rows

    def object_list(self):
        if self.searches_counted_rows:
            matches = self._counted_matches()
            if self.sort == SORT_RELEVANCE:
                matches = matches.annotate(relevance=self._counted_relevance)
            return self.ordered(matches).values("profile_id")
        ordered = self.ordered(self.queryset)
        return ordered.values("pk") if self.pages_by_id else ordered

    def count(self):
        # The counts already hold the total; spare the paginator its own COUNT.
        return self.totals()["total"]

    def rows(self, page_items):
        if self.pages_by_id:
            # Find the page's ids first (an index-only scan, even thirty pages deep), then
            # load just those rows: one query, as the ids are a subquery.
            profiles = Profile.objects.filter(pk__in=page_items)
            if self.searches_counted_rows and self.sort == SORT_RELEVANCE:
                # The page in its order: each of its rows' relevance, read from its counted
                # row by primary key (the same number the ids were ranked by).
                own_row = CountedProfile.objects.filter(profile_id=OuterRef("pk"))
                profiles = profiles.annotate(
                    relevance=Subquery(
                        own_row.annotate(relevance=self._counted_relevance).values("relevance")
                    )
                )
            page_items = self.ordered(profiles)
        return self._card_rows(page_items)

    def _card_rows(self, page_items):
        # Only what a result card shows: the long text and search columns would make every
        # row several kilobytes wide. The picture comes with the same query (for_cards).
        return (
            page_items.only(*CARD_FIELDS)
            .for_cards()
            .select_related("municipality")
            .prefetch_related("disciplines")
        )

    def facets(self):
        """Facets over the current result, labelled from the cached vocabulary."""
        vocabulary = self.vocabulary
        counts = self.counts()
        district_counts = self._district_counts(counts["places"])

        regional = [a for a in vocabulary.associations if not a.is_state_association]
        places = sorted(vocabulary.municipalities, key=lambda m: sort_key(m.name))
        facets = [
            self._facet("verband", regional, counts["associations"]),
            self._facet("kreis", vocabulary.districts, district_counts),
            self._facet("ort", places, counts["places"], group=lambda m: m.district.name),
            self._facet("teilmarkt", vocabulary.submarkets, counts["submarkets"]),
            self._facet(
                "disziplin",
                vocabulary.disciplines,
                counts["disciplines"],
                group=lambda d: d.submarket.localized_name,
            ),
            self._kind_facet(),
        ]
        return [facet for facet in facets if facet.parameter not in self.fixed]

    def _district_counts(self, place_counts) -> Counter:
        municipalities = self.vocabulary.by_id("municipalities")
        district_counts = Counter()
        for municipality_id, count in place_counts.items():
            if municipality_id in municipalities:
                district_counts[municipalities[municipality_id].district_id] += count
        return district_counts

    def _facet(self, parameter, items, counts, *, group=None):
        chosen = self.values.get(parameter)
        text = VOCABULARY_FILTERS[parameter][1]
        facet = Facet(parameter, self.form.fields[parameter].label, active=parameter in self.values)
        for item in items:
            count = counts.get(item.pk, 0)
            # Options with no hit are hidden; once a facet is in use its options stay
            # visible without counts so that the choice can be changed in one step.
            if not facet.active and count == 0:
                continue
            facet.options.append(
                FilterOption(
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
        facet = Facet("art", self.form.fields["art"].label, active="art" in self.values)
        for value, label in Profile.Kind.choices:
            count = totals[value]
            if facet.active or count:
                facet.options.append(
                    FilterOption(
                        value=value,
                        label=label,
                        count=None if facet.active else count,
                        selected=self.values.get("art") == value,
                    )
                )
        return facet

    def flags(self):
        totals = self.totals()
        return [
            FilterOption(
                name,
                self.form.fields[name].label,
                totals[name],
                selected=name in self.values,
            )
            for name in ("auftraege", "kooperation")
        ]

    def alert_query(self) -> str:
        """The filter state for an alert on this list ("?art=mitglieder&" + this): the
        fixed parameters of an entry page included, the sort order left out."""
        return query_string(self.raw, **{SORT_PARAMETER: None})

    def context(self):
        return {
            **super().context(),
            "total": self.totals()["total"],
            "facets": self.facets(),
            "flags": self.flags(),
            "search_query": self.raw.get("q", "") if "q" not in self.fixed else "",
            "sort_options": self.sort_options(),
            "did_you_mean": did_you_mean(self),
        }


def _tallied_matches(rows) -> dict:
    """Counts from rows of (*TALLIED_COLUMNS, n), as grouped_match_counts returns them
    (NULL where a grouping set did not group) or grouped by all columns."""
    disciplines, submarkets, rest = Counter(), Counter(), []
    for *fields, discipline_ids, submarket_ids, n in rows:
        rest.append((*fields, n))
        if discipline_ids is not None:
            disciplines[discipline_ids] += n
        if submarket_ids is not None:
            submarkets[submarket_ids] += n
    totals, associations, places = _tally(rest)
    return {
        "totals": _nonzero(totals),
        "associations": _nonzero(associations),
        "places": _nonzero(places),
        "disciplines": _nonzero(_unpacked(disciplines)),
        "submarkets": _nonzero(_unpacked(submarkets)),
    }


def _with_changes(counts, changes) -> dict:
    """`counts` with `changes` (as _tallied_matches gives them) added."""
    added = {}
    for name, values in counts.items():
        total = Counter(values)
        total.update(changes[name])
        added[name] = _nonzero(total)
    return added


def _nonzero(counts) -> dict:
    # Zero counts are left out, so that counts caught up with changes equal counts afresh.
    return {key: n for key, n in counts.items() if n}


def _tally(rows):
    """Totals, associations and places from (kind, flags, association, place, n) rows."""
    totals, associations, places = Counter(), Counter(), Counter()
    for kind, commissions, cooperation, association, place, n in rows:
        # NULLs are the columns a grouping set left out (counters.grouped_match_counts).
        if kind is not None:
            totals["total"] += n
            totals[kind] += n
            totals["auftraege"] += n if commissions else 0
            totals["kooperation"] += n if cooperation else 0
            associations[association] += n
        if place is not None:
            places[place] += n
    return totals, associations, places


def _ids_counted(kind, counts) -> dict:
    """{"d_12": 15 330, ...}: counts per pk as counts per vocabulary id (mitglieder.indexing)."""
    return {vocabulary_id(kind, pk): n for pk, n in counts.items()}


def _unpacked(per_set):
    """Counts per id from counts per packed set of ids ("3,17": 2 adds 2 to 3 and 17)."""
    counts = Counter()
    for packed, n in per_set.items():
        for pk in unpack_ids(packed):
            counts[pk] += n
    return dict(counts)
