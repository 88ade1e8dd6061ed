"""The derived search columns of profiles: a German dictionary-order key that an index can
sort by, the folded text SQLite searches, and PostgreSQL's search vector (queried by
mitglieder.search).

`refresh_search_index` recomputes them. The receivers in mitglieder.signals do not call it
themselves: they note what a write touched with `reindex_after_commit`, and once the
transaction commits (at once outside one) a single `refresh_search_index` covers every
profile it touched. Until then the columns keep their old values, and after a rollback
nothing is reindexed. Writes that send no signals (bulk_create, QuerySet.update), and
callers that need the columns current before their transaction commits, call
`refresh_search_index` themselves.
"""

from dataclasses import dataclass, field

from asgiref.local import Local
from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.dispatch import Signal

from kern import versions
from kern.page_cache import content_changed
from kern.search import fold, sort_key
from mitglieder.models import PROFILES_VERSION, Profile
from mitglieder.search import SEARCH_CONFIG, uses_postgres_search


def search_document(profile, disciplines) -> str:
    """Everything a visitor might search a profile by, folded."""
    place = profile.municipality
    parts = [
        profile.name,
        profile.tagline,
        profile.description,
        place.name,
        place.district.name,
        *(d.name for d in disciplines),
        *(d.name_en for d in disciplines),
        *{d.submarket.name for d in disciplines},
    ]
    return fold(" ".join(part for part in parts if part))


# Sent at the end of every refresh with the ids it was given (some may have been deleted
# meanwhile): what else is derived from profiles (the directory's facet counters) follows.
search_index_refreshed = Signal()


def refresh_search_index(profile_ids) -> None:
    """Recompute the derived search columns of the given profiles."""
    profile_ids = list(profile_ids)
    profiles = list(
        Profile.objects.filter(pk__in=profile_ids)
        .select_related("municipality__district")
        .prefetch_related("disciplines__submarket")
    )
    rows = [
        (sort_key(p.name), search_document(p, list(p.disciplines.all())), p.pk) for p in profiles
    ]
    # One parametrised UPDATE run with executemany: bulk_update's CASE expressions grow with
    # the batch and dominated seeding 20 000 profiles.
    meta, quote = Profile._meta, connection.ops.quote_name
    statement = (
        f"UPDATE {quote(meta.db_table)} SET {quote('sort_name')} = %s, "  # noqa: S608 - names only
        f"{quote('search_text')} = %s WHERE {quote(meta.pk.column)} = %s"
    )
    with connection.cursor() as cursor:
        cursor.executemany(statement, rows)
    if uses_postgres_search() and profiles:
        Profile.objects.filter(pk__in=[p.pk for p in profiles]).update(
            search_vector=SearchVector("sort_name", weight="A", config=SEARCH_CONFIG)
            + SearchVector("search_text", weight="C", config=SEARCH_CONFIG)
        )
    # These writes send no signals. Counts and pages computed from the old columns since
    # the profiles were saved (or until this transaction commits) must not be kept.
    versions.bump_now_and_at_commit(PROFILES_VERSION)
    content_changed()
    search_index_refreshed.send(sender=Profile, profile_ids=profile_ids)


@dataclass
class _Touched:
    """What the open transaction changed that profiles are found by."""

    profile_ids: set = field(default_factory=set)
    municipality_ids: set = field(default_factory=set)
    discipline_ids: set = field(default_factory=set)


# One batch per thread, as database connections are (the default database only).
_local = Local(thread_critical=True)


def reindex_after_commit(profile_ids=(), *, municipality_ids=(), discipline_ids=()) -> None:
    """Reindex these profiles, and every profile in these places or disciplines, once the
    open transaction commits: one reindex per transaction, however often this is called."""
    touched = getattr(_local, "touched", None)
    if touched is None:
        touched = _local.touched = _Touched()
    touched.profile_ids.update(profile_ids)
    touched.municipality_ids.update(municipality_ids)
    touched.discipline_ids.update(discipline_ids)
    # A callback per call, and the first to run takes the whole batch: a rolled-back
    # savepoint discards the callbacks registered inside it, so a single callback
    # registered by the first call might be gone. After a full rollback the noted ids wait
    # for the next commit, which reindexes them from the rows as they then are (harmless).
    transaction.on_commit(_reindex_touched, robust=True)


def _reindex_touched() -> None:
    touched = getattr(_local, "touched", None)
    if touched is None:
        return  # An earlier callback of this transaction has done it.
    _local.touched = None
    profile_ids = set(touched.profile_ids)
    if touched.municipality_ids:
        profile_ids.update(
            Profile.objects.filter(municipality__in=touched.municipality_ids).values_list(
                "pk", flat=True
            )
        )
    if touched.discipline_ids:
        profile_ids.update(
            Profile.disciplines.through.objects.filter(
                discipline__in=touched.discipline_ids
            ).values_list("profile_id", flat=True)
        )
    refresh_search_index(profile_ids)
