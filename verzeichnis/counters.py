"""Facet counters: the directory's counts without a scan over the profiles.

Recounting the listed profiles per facet cost a full scan per facet (about half a second
at 200 000 profiles), and every profile change made the next visitor pay it. Instead the
write path keeps counters per facet value (verzeichnis.models.FacetCount): when the
search index of some profiles is refreshed (mitglieder.indexing, the one funnel every
write that changes what a profile is found by goes through) or a profile is deleted,
`sync_counts` subtracts what those profiles counted for before (CountedProfile) and adds
what they count for now, a few dozen cells per profile. A page then sums cells: at most a
few thousand rows, however many profiles there are.

Counters answer every filter state without a search and with at most one of submarket and
discipline (each cell also exists "within" every submarket and discipline, so the other
facets can be counted under such a filter). Searches, and the rare state with both, are
counted from the profiles themselves (Directory._count).
"""

from collections import Counter
from typing import NamedTuple

from django.db import connection, transaction

from kern import versions
from kern.bulk import copy_rows, insert_rows
from mitglieder.models import PROFILES_VERSION, Profile
from verzeichnis.cache import COUNTED_ROWS_VERSION
from verzeichnis.models import CELL_COLUMNS, CountedChange, CountedProfile, FacetCount

ALL = ""
# How many counted rows before a change are kept, and for how long: counts older than the
# changes kept count afresh. Cached counts live ten minutes (verzeichnis.cache); the rows
# hold the words of profiles, perhaps deleted ones, so they are not kept much longer.
CHANGES_KEPT = 5000
CHANGES_KEPT_SECONDS = 60 * 60
PROFILES, DISCIPLINES, SUBMARKETS = "p", "d", "s"
ANY_PLACE = 0  # municipality_id of the cells summed per association


class Snapshot(NamedTuple):
    """What the counters need of one listed profile."""

    association_id: int
    municipality_id: int
    kind: str
    open_for_commissions: bool
    seeks_cooperation: bool
    discipline_ids: frozenset
    submarket_ids: frozenset


def cells(snapshot):
    """The cells one listed profile counts in (none for a profile that is not listed), as
    tuples in the order of CELL_COLUMNS."""
    if snapshot is None:
        return
    dims = (snapshot.kind, snapshot.open_for_commissions, snapshot.seeks_cooperation)
    association, place = snapshot.association_id, snapshot.municipality_id
    slices = [ALL]
    slices += [f"{SUBMARKETS}{pk}" for pk in snapshot.submarket_ids]
    slices += [f"{DISCIPLINES}{pk}" for pk in snapshot.discipline_ids]
    for within in slices:
        yield (within, PROFILES, place, 0, association, *dims)
        for municipality in (place, ANY_PLACE):
            # Under a discipline filter the discipline facet shows no counts, nor does the
            # submarket facet under a submarket filter: those cells would go unread.
            if not within.startswith(DISCIPLINES):
                for pk in snapshot.discipline_ids:
                    yield (within, DISCIPLINES, municipality, pk, association, *dims)
            if not within.startswith(SUBMARKETS):
                for pk in snapshot.submarket_ids:
                    yield (within, SUBMARKETS, municipality, pk, association, *dims)


def snapshots(listed, through, profile_ids=None) -> dict:
    """Snapshots of the `listed` profiles (a queryset), all or those of `profile_ids`.

    Takes the models as arguments so that the migration that first fills the counters can
    pass its historical ones.
    """
    profiles = listed.order_by()
    links = through.objects.order_by()
    if profile_ids is not None:
        profiles = profiles.filter(pk__in=profile_ids)
        links = links.filter(profile_id__in=profile_ids)
    disciplines, submarkets = {}, {}
    for profile_id, discipline_id, submarket_id in links.values_list(
        "profile_id", "discipline_id", "discipline__submarket_id"
    ):
        disciplines.setdefault(profile_id, set()).add(discipline_id)
        submarkets.setdefault(profile_id, set()).add(submarket_id)
    return {
        pk: Snapshot(
            association,
            municipality,
            kind,
            commissions,
            cooperation,
            frozenset(disciplines.get(pk, ())),
            frozenset(submarkets.get(pk, ())),
        )
        for pk, association, municipality, kind, commissions, cooperation in profiles.values_list(
            "pk",
            "association_id",
            "municipality_id",
            "kind",
            "open_for_commissions",
            "seeks_cooperation",
        )
    }


def sync_counts(profile_ids) -> None:
    """Bring the counters up to date for these profiles (listed, unlisted or deleted)."""
    ids = sorted(set(profile_ids))
    if not ids:
        return
    with transaction.atomic():
        _serialise()
        counted = CountedProfile.objects.filter(profile_id__in=ids)
        old = {row.profile_id: _snapshot_of(row) for row in counted}
        new = snapshots(Profile.objects.listed(), Profile.disciplines.through, ids)
        change = Counter()
        for pk in ids:
            change.update(cells(new.get(pk)))
            change.subtract(cells(old.get(pk)))
        _apply(change)
        _note_changes(ids)
        counted.delete()
        insert_rows(
            CountedProfile,
            COUNTED_COLUMNS,
            (_counted_values(pk, snapshot) for pk, snapshot in new.items()),
        )
        _copy_search_vectors(ids)
    # Counts cached while the counters were behind must go.
    versions.bump_now_and_at_commit(PROFILES_VERSION)


def rebuild_counts(listed=None, through=None, facet_count=FacetCount, counted=CountedProfile):
    """Count every listed profile afresh (the first fill, benchmarks, a repair)."""
    if listed is None:
        listed, through = Profile.objects.listed(), Profile.disciplines.through
    current = snapshots(listed, through)
    totals = Counter()
    for snapshot in current.values():
        totals.update(cells(snapshot))
    # In the order of association, kind and disciplines: a search's matches (mostly the
    # profiles of the disciplines its words name, within the association and kind its
    # filters name) then lie on few pages of the table. In profile order "Fotografie" read
    # 14 300 pages of 22 900 for its 22 000 matches at 200 000 profiles, about 4 000 in this
    # order, and counting and ranking them took about half the time.
    # Changes since the last rebuild land wherever there is room, so a rebuild also restores
    # the order (README, "Facet counts").
    rows = sorted(
        (_counted_values(pk, snapshot) for pk, snapshot in current.items()), key=_physical_order
    )
    with transaction.atomic():
        # Searches' counts cached before are not caught up with changes: they count afresh,
        # and the changes kept for them are of no more use.
        versions.bump_now_and_at_commit(COUNTED_ROWS_VERSION)
        if counted is CountedProfile:
            CountedChange.objects.all().delete()
        facet_count.objects.all().delete()
        counted.objects.all().delete()
        insert_rows(facet_count, (*CELL_COLUMNS, "n"), ((*key, n) for key, n in totals.items()))
        if counted is CountedProfile and connection.vendor == "postgresql":
            _insert_with_search_vectors(rows)
        else:  # SQLite, or the historical model of the first fill: no search columns
            insert_rows(counted, COUNTED_COLUMNS, rows)
    versions.bump_now_and_at_commit(PROFILES_VERSION)


def _physical_order(values):
    """Counted rows (in the order of COUNTED_COLUMNS) by association, kind, disciplines."""
    return tuple(values[COUNTED_COLUMNS.index(name)] for name in PHYSICAL_ORDER)


PHYSICAL_ORDER = ("association_id", "kind", "discipline_ids", "profile_id")


def _insert_with_search_vectors(rows) -> None:
    """Insert counted rows, in their order, with what _copy_search_vectors would copy: in the
    same INSERT, as updating them afterwards writes every row anew in the order of a join."""
    counted, profiles = CountedProfile._meta.db_table, Profile._meta.db_table
    columns = ", ".join(COUNTED_COLUMNS)
    search_columns = ", ".join(SEARCH_COLUMNS)
    # A row without its profile (deleted meanwhile) keeps the columns' defaults, as after
    # _copy_search_vectors.
    copied = ", ".join(
        f"COALESCE({expression}, {SEARCH_DEFAULTS[column]})"
        if column in SEARCH_DEFAULTS
        else expression
        for column, expression in SEARCH_COLUMNS.items()
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE counted_rows AS SELECT {columns} FROM {counted} WITH NO DATA"  # noqa: S608 - names
        )
        cursor.execute("ALTER TABLE counted_rows ADD COLUMN position serial")
        copy_rows("counted_rows", COUNTED_COLUMNS, rows)  # numbered in their order
        cursor.execute(
            f"INSERT INTO {counted} ({columns}, {search_columns}) "  # noqa: S608 - names
            f"SELECT {', '.join('r.' + c for c in COUNTED_COLUMNS)}, {copied} "
            f"FROM counted_rows r LEFT JOIN {profiles} p ON p.id = r.profile_id "
            "ORDER BY r.position"
        )
        cursor.execute("DROP TABLE counted_rows")


# What a counted row copies from its profile (p), column by column (PostgreSQL only).
SEARCH_COLUMNS = {
    "search_vector": "p.search_count_vector",
    "rank_vector": "ts_filter(p.search_count_vector, '{a,b,c}')",
    "sort_name": "p.sort_name",
    "completeness": "p.completeness",
    "published_at": "p.published_at",
}
SEARCH_DEFAULTS = {"sort_name": "''", "completeness": "0"}  # the columns that take no NULL


def _copy_search_vectors(profile_ids) -> None:
    """Copy what a search finds, ranks and sorts by from the profiles (mitglieder.indexing)
    into the counted rows of `profile_ids` (PostgreSQL only; SQLite searches the profiles
    themselves): the count vector, its ranked fields (name, vocabulary, tagline: weights
    A-C), the sort name, completeness and publication date."""
    if connection.vendor != "postgresql":
        return
    counted, profiles = CountedProfile._meta.db_table, Profile._meta.db_table
    copied = ", ".join(f"{column} = {expression}" for column, expression in SEARCH_COLUMNS.items())
    statement = (
        f"UPDATE {counted} c SET {copied} FROM {profiles} p "  # noqa: S608 - names
        "WHERE p.id = c.profile_id AND c.profile_id = ANY(%s)"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, [list(profile_ids)])


def _note_changes(profile_ids) -> None:
    """Keep the counted rows of `profile_ids` as they are before this change (a row with
    `counted` False for a profile without one), for searches' cached counts to catch up
    (PostgreSQL only: SQLite counts searches from the profiles). Ids follow the order of
    the changes, as one change holds the counters' lock until it commits."""
    if connection.vendor != "postgresql":
        return
    changes, counted = CountedChange._meta.db_table, CountedProfile._meta.db_table
    columns = ", ".join(CHANGE_COLUMNS)
    # A profile without a counted row leaves its text columns empty rather than NULL.
    copied = ", ".join(
        f"COALESCE(c.{column}, '')"
        if column in ("kind", "discipline_ids", "submarket_ids")
        else f"c.{column}"
        for column in CHANGE_COLUMNS
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {changes} (noted_at, profile_id, counted, {columns}) "  # noqa: S608
            f"SELECT clock_timestamp(), ids.id, c.profile_id IS NOT NULL, {copied} "
            f"FROM unnest(%s::bigint[]) AS ids(id) LEFT JOIN {counted} c ON c.profile_id = ids.id "
            "ORDER BY ids.id",
            [list(profile_ids)],
        )
        # Always the oldest first (ids and times rise together), so that changes_since can
        # tell from the last change a count includes whether all later ones are still here.
        cursor.execute(
            f"DELETE FROM {changes} WHERE id <= (SELECT MAX(id) FROM {changes}) - %s "  # noqa: S608
            "OR noted_at < clock_timestamp() - %s * interval '1 second'",
            [CHANGES_KEPT, CHANGES_KEPT_SECONDS],
        )


def _serialise():
    """One sync at a time: two that saw the same old snapshot would subtract it twice."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext('verzeichnis.counters'))")
    # SQLite has one writer at a time anyway.


def _apply(change):
    # Sorted, so that two transactions that touch the same cells lock them in one order.
    # Cells that drop to zero stay (they add nothing); a rebuild clears them.
    rows = [(*key, n) for key, n in sorted(change.items()) if n]
    if not rows:
        return
    table = connection.ops.quote_name(FacetCount._meta.db_table)
    columns = ", ".join(CELL_COLUMNS)
    # Only the model's own table and column names go into the statement; the values are
    # parameters. ON CONFLICT ... DO UPDATE is understood by PostgreSQL and SQLite alike.
    statement = (
        f"INSERT INTO {table} ({columns}, n) VALUES ({', '.join(['%s'] * 9)}) "  # noqa: S608
        f"ON CONFLICT ({columns}) DO UPDATE SET n = {table}.n + excluded.n"
    )
    with connection.cursor() as cursor:
        cursor.executemany(statement, rows)


def _snapshot_of(row):
    return Snapshot(
        row.association_id,
        row.municipality_id,
        row.kind,
        row.open_for_commissions,
        row.seeks_cooperation,
        frozenset(unpack_ids(row.discipline_ids)),
        frozenset(unpack_ids(row.submarket_ids)),
    )


COUNTED_COLUMNS = (
    "profile_id",
    "association_id",
    "municipality_id",
    "kind",
    "open_for_commissions",
    "seeks_cooperation",
    "discipline_ids",
    "submarket_ids",
)
# The columns of a counted row that a change keeps (CountedChange).
CHANGE_COLUMNS = (*COUNTED_COLUMNS[1:], "search_vector")


def _counted_values(pk, snapshot):
    """A counted row's values in the order of COUNTED_COLUMNS (its search columns are
    copied from the profile afterwards)."""
    return (
        pk,
        snapshot.association_id,
        snapshot.municipality_id,
        snapshot.kind,
        snapshot.open_for_commissions,
        snapshot.seeks_cooperation,
        ",".join(map(str, sorted(snapshot.discipline_ids))),
        ",".join(map(str, sorted(snapshot.submarket_ids))),
    )


def unpack_ids(packed):
    """The ids of CountedProfile.discipline_ids or .submarket_ids."""
    return [int(pk) for pk in packed.split(",")] if packed else []


def counted_state(values, municipalities_by_district):
    """The FacetCount filter for a directory state, or None if counters cannot count it.

    `values` are the parsed filters; returns (cells, by_place): the cells to sum and
    whether discipline and submarket cells must be read per place.
    """
    submarket, discipline = values.get("teilmarkt"), values.get("disziplin")
    if "q" in values or (submarket and discipline):
        return None
    if submarket:
        within = f"{SUBMARKETS}{submarket.pk}"
    elif discipline:
        within = f"{DISCIPLINES}{discipline.pk}"
    else:
        within = ALL
    found = FacetCount.objects.filter(within=within).order_by()
    association = values.get("verband")
    if association and not association.is_state_association:
        # The Landesverband speaks for every member (MemberContentQuerySet.in_association).
        found = found.filter(association_id=association.pk)
    if values.get("art"):
        found = found.filter(kind=values["art"])
    if values.get("auftraege"):
        found = found.filter(open_for_commissions=True)
    if values.get("kooperation"):
        found = found.filter(seeks_cooperation=True)
    by_place = False
    if values.get("ort"):
        found, by_place = found.filter(municipality_id=values["ort"].pk), True
    if values.get("kreis"):
        places = municipalities_by_district.get(values["kreis"].pk, [])
        found, by_place = found.filter(municipality_id__in=places), True
    return found, by_place


def counted_profiles(values, municipalities_by_district):
    """The counted rows (listed profiles) of a directory state, filtered by everything but
    the search: as the directory's filters filter profiles (ProfileQuerySet)."""
    found = CountedProfile.objects.all()
    association = values.get("verband")
    if association and not association.is_state_association:
        found = found.filter(association_id=association.pk)
    if values.get("art"):
        found = found.filter(kind=values["art"])
    if values.get("auftraege"):
        found = found.filter(open_for_commissions=True)
    if values.get("kooperation"):
        found = found.filter(seeks_cooperation=True)
    if values.get("ort"):
        found = found.filter(municipality_id=values["ort"].pk)
    if values.get("kreis"):
        found = found.filter(
            municipality_id__in=municipalities_by_district.get(values["kreis"].pk, [])
        )
    links = Profile.disciplines.through.objects
    if values.get("teilmarkt"):
        found = found.filter(
            profile_id__in=links.filter(discipline__submarket=values["teilmarkt"]).values(
                "profile_id"
            )
        )
    if values.get("disziplin"):
        found = found.filter(
            profile_id__in=links.filter(discipline=values["disziplin"]).values("profile_id")
        )
    return found


def counted_row_test(values, municipalities_by_district):
    """As counted_profiles, a test of one counted row given as a Tallied tuple: whether the
    filters of `values` but the search keep it (for changes_since's rows)."""
    tests = []
    association = values.get("verband")
    if association and not association.is_state_association:
        tests.append(lambda row: row.association_id == association.pk)
    if values.get("art"):
        tests.append(lambda row: row.kind == values["art"])
    if values.get("auftraege"):
        tests.append(lambda row: row.open_for_commissions)
    if values.get("kooperation"):
        tests.append(lambda row: row.seeks_cooperation)
    if values.get("ort"):
        tests.append(lambda row: row.municipality_id == values["ort"].pk)
    if values.get("kreis"):
        places = set(municipalities_by_district.get(values["kreis"].pk, []))
        tests.append(lambda row: row.municipality_id in places)
    if values.get("teilmarkt"):
        tests.append(lambda row: values["teilmarkt"].pk in unpack_ids(row.submarket_ids))
    if values.get("disziplin"):
        tests.append(lambda row: values["disziplin"].pk in unpack_ids(row.discipline_ids))
    return lambda row: all(test(row) for test in tests)


def grouped_match_counts(matching):
    """PostgreSQL: a search's counts from its counted rows `matching`, in one query with a
    grouping set for (kind, flags, association, place) and one for the sets of disciplines
    and submarkets (the latter follow from the former, so grouping by both adds no group);
    a row leaves the columns of the other set NULL (no column is NULL in a counted row).
    Grouping by all of them at once gave "Fotografie" at 200 000 profiles 10 500 rows for
    Python to add up (100 ms); this gives 2 000, and two sets hash each match half as often
    as four did (16 ms instead of 21).

    Returns (rows, latest change): rows as the directory's tally reads them (kind,
    commissions, cooperation, association, place, disciplines, submarkets, n), and the id of
    the latest CountedChange these rows include (None if there is none), read in the same
    statement so that the two agree; a grand total row (all NULL) makes sure there is a row
    to read it from."""
    profile_set = (*TALLIED_COLUMNS[:4], "municipality_id")
    sql, params = matching.order_by().values(*TALLIED_COLUMNS).query.sql_with_params()
    statement = (
        f"SELECT {', '.join(TALLIED_COLUMNS)}, COUNT(*), "  # noqa: S608 - names
        f"(SELECT MAX(id) FROM {CountedChange._meta.db_table}) FROM ({sql}) matches "
        f"GROUP BY GROUPING SETS (({', '.join(profile_set)}), "
        "(discipline_ids, submarket_ids), ())"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        rows = cursor.fetchall()
    return [row[:-1] for row in rows], rows[0][-1]


class Tallied(NamedTuple):
    """What a search tallies of a counted row, in the order of the tally's rows."""

    kind: str
    open_for_commissions: bool
    seeks_cooperation: bool
    association_id: int
    municipality_id: int
    discipline_ids: str
    submarket_ids: str


TALLIED_COLUMNS = Tallied._fields


def changes_since(change_id, tsquery):
    """PostgreSQL: what changed in the counted rows since CountedChange `change_id`, for a
    search's cached counts to catch up: (rows, latest change), or None if the changes since
    are no longer all kept (or `change_id` is None: counted before any change was kept).

    Rows are (sign, *TALLIED_COLUMNS, matches): -1 for each changed profile's counted row
    as it was before its first change since then, +1 for its counted row now (none for a
    profile that had none, or has none), `matches` telling whether that row matched the
    search's `tsquery` (None: every row matches). One statement, so that the rows, the
    latest change and whether `change_id` is still kept agree."""
    if change_id is None:
        return None
    changes, counted = CountedChange._meta.db_table, CountedProfile._meta.db_table
    columns = ", ".join(TALLIED_COLUMNS)
    matches = "search_vector @@ %s::tsquery" if tsquery is not None else "TRUE"
    nothing = ", ".join(["NULL"] * len(TALLIED_COLUMNS))
    statement = (
        f"WITH changed AS (SELECT DISTINCT ON (profile_id) * FROM {changes} "  # noqa: S608
        "WHERE id > %s ORDER BY profile_id, id) "
        f"SELECT -1, {columns}, {matches}, NULL::bigint, NULL::boolean FROM changed "
        f"WHERE counted UNION ALL SELECT 1, {columns}, {matches}, NULL, NULL FROM {counted} "
        "WHERE profile_id IN (SELECT profile_id FROM changed) "
        f"UNION ALL SELECT 0, {nothing}, NULL, MAX(id), "
        f"EXISTS (SELECT FROM {changes} WHERE id = %s) FROM {changes}"
    )
    tsqueries = [tsquery, tsquery] if tsquery is not None else []
    with connection.cursor() as cursor:
        cursor.execute(statement, [change_id, *tsqueries, change_id])
        rows = cursor.fetchall()
    *_, latest, still_kept = next(row for row in rows if row[0] == 0)
    # Pruning takes the oldest changes first: if the last change the counts include is still
    # kept, so is every later one.
    if not still_kept:
        return None
    return [row[:-2] for row in rows if row[0]], latest
