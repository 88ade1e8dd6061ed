"""Seed demo profiles fast enough for 200 000 of them (bench/directory.py).

The demo composer (demo.members) decides what every profile looks like; this module only
writes the result faster than `create_demo_profiles` can at that size. On PostgreSQL it
drops the secondary indexes of the two tables it fills, loads rows with COPY, builds the
indexes once at the end (a GIN index grows far faster in one build than row by row) and
computes the search columns with the functions the site's write path uses
(mitglieder.indexing); a sample run through `refresh_search_index` afterwards checks that
the two agree, and if they do not, every row goes through it (slowly) instead. Other databases take
`create_demo_profiles` as it is.
"""

import multiprocessing
import os
import random
import time
from typing import NamedTuple

from django.db import connection, transaction
from django.utils import timezone

from demo.members import (
    DEFAULT_SEED,
    ProfileComposer,
    ReferenceData,
    _profile_from_draft,
    assign_unique_slugs,
    create_demo_profiles,
)
from kern import versions
from kern.bulk import insert_rows
from kern.search import sort_key
from mitglieder.indexing import (
    completeness,
    count_fields,
    refresh_search_index,
    search_fields,
    search_tokens,
    tsvector_literal,
)
from mitglieder.models import PROFILES_VERSION, Profile
from mitglieder.search import RANKED, use_current_compound_parts
from teilmaerkte.models import Discipline

SEARCH_COLUMNS = (
    "sort_name",
    "completeness",
    "search_vector",
    "search_rank_vector",
    "search_count_vector",
)
SAMPLE = 200

INDEX_BATCH = 5000


def seed_profiles(count: int, *, seed: int = DEFAULT_SEED, log=print) -> int:
    if count <= 0:
        return 0
    if connection.vendor != "postgresql":
        return create_demo_profiles(count, seed=seed, with_images=False)
    started = time.perf_counter()
    composer = ProfileComposer(ReferenceData.load(), seed=seed, now=timezone.now())
    use_current_compound_parts()  # as refresh_search_index splits compounds
    drafts = composer.compose(count)
    assign_unique_slugs(drafts, set(Profile.objects.values_list("slug", flat=True)))
    log(f"  composed {count} profiles in {time.perf_counter() - started:.0f} s")
    through = Profile.disciplines.through
    tables = [Profile._meta.db_table, through._meta.db_table]
    with transaction.atomic():
        indexes = _drop_secondary_indexes(tables)
        ids = _copy_profiles(drafts)
        insert_rows(
            through,
            ["profile_id", "discipline_id"],
            ((pk, d.pk) for pk, draft in zip(ids, drafts, strict=True) for d in draft.disciplines),
        )
        log(f"  copied rows after {time.perf_counter() - started:.0f} s")
        with connection.cursor() as cursor:
            # The foreign keys are deferred; their checks must run before an index build.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for statement in indexes:
                cursor.execute(statement)
        log(f"  built indexes after {time.perf_counter() - started:.0f} s")
    if not _matches_write_path(ids):
        log("  search columns differ from mitglieder.indexing: refreshing them all (slow)")
        for start in range(0, len(ids), INDEX_BATCH):
            with transaction.atomic():
                refresh_search_index(ids[start : start + INDEX_BATCH])
    log(f"  checked search columns after {time.perf_counter() - started:.0f} s")
    versions.bump(PROFILES_VERSION)
    return count


def _drop_secondary_indexes(tables) -> list[str]:
    """Drop every index that backs no constraint; return the statements that rebuild them."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i "
            "WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s) "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
            [list(tables)],
        )
        found = cursor.fetchall()
        for name, _definition in found:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    return [definition for _name, definition in found]


def _copy_profiles(drafts) -> list[int]:
    """COPY the profiles with ids drawn from their sequence; return the ids in draft order.

    Composing a row (search tokens, Markdown, prepared values) is the slow part and pure
    Python, while PostgreSQL takes the COPY at a fifth of a core: forked workers compose
    chunks of rows in parallel, and this process streams them into the COPY in order."""
    meta = Profile._meta
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(drafts)],
        )
        ids = [row[0] for row in cursor.fetchall()]
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    # The order `profile.disciplines.all()` gives the write path.
    position = {pk: n for n, pk in enumerate(Discipline.objects.values_list("pk", flat=True))}
    global _JOB
    _JOB = _RowJob(ids, drafts, fields, position)  # inherited by the forked workers
    starts = range(0, len(drafts), CHUNK)
    columns = [meta.pk.attname] + [f.attname for f in fields]
    try:
        with multiprocessing.get_context("fork").Pool(WORKERS, _refuse_queries) as pool:
            chunks = pool.imap(_profile_rows, starts)
            insert_rows(Profile, columns, (row for chunk in chunks for row in chunk))
    finally:
        _JOB = None
    return ids


class _RowJob(NamedTuple):
    ids: list
    drafts: list
    fields: list
    position: dict


_JOB = None
CHUNK = 500
WORKERS = max(2, os.cpu_count() or 1)


def _refuse_queries():
    """In a forked worker: the inherited connection is the parent's, mid-transaction, and
    must never be used (nor closed: that would end the parent's session too)."""

    def refuse(execute, sql, params, many, context):
        raise RuntimeError("seeding workers compose rows; they must not query")

    connection.execute_wrappers.append(refuse)


def _profile_rows(start: int) -> list[list]:
    ids, drafts, fields, position = _JOB
    rows = []
    backdated = {"created_at", "updated_at"}
    for pk, draft in zip(ids[start : start + CHUNK], drafts[start : start + CHUNK], strict=True):
        profile = _profile_from_draft(draft, with_images=False)
        row = [pk]
        disciplines = sorted(draft.disciplines, key=lambda d: position[d.pk])
        tokens = search_tokens(search_fields(profile, disciplines))
        # As mitglieder.indexing.refresh_search_index writes them on PostgreSQL;
        # _matches_write_path notices if the two drift apart.
        derived = {
            "sort_name": sort_key(profile.name),
            "search_vector": tsvector_literal(tokens),
            "search_rank_vector": tsvector_literal(tokens, weights=RANKED),
            "search_count_vector": tsvector_literal(
                search_tokens(count_fields(profile, disciplines))
            ),
            "completeness": completeness(profile),
        }
        for field in fields:
            # pre_save renders the Markdown and stamps auto_now fields, as bulk_create
            # would; demo data keeps the composer's dates instead.
            if field.name in backdated:
                value = getattr(draft, field.name)
            elif field.name in derived:
                value = derived[field.name]
            else:
                value = field.pre_save(profile, True)
            row.append(field.get_db_prep_save(value, connection))
        rows.append(row)
    return rows


def _matches_write_path(ids) -> bool:
    """Whether the site's own indexing leaves a sample of the seeded rows as they are."""
    sample = random.Random(len(ids)).sample(ids, min(SAMPLE, len(ids)))
    rows = Profile.objects.filter(pk__in=sample).order_by("pk")
    before = list(rows.values_list(*SEARCH_COLUMNS))
    with transaction.atomic():
        refresh_search_index(sample)
    return before == list(rows.values_list(*SEARCH_COLUMNS))
