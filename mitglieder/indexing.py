"""The derived search columns of profiles: a German dictionary-order key that an index can
sort by, and the search tokens (kern.search) of every field, as SQLite's FTS5 table and
as PostgreSQL's search vectors, all written here from the same tokens (queried by
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
from django.db import connection, transaction
from django.dispatch import Signal

from kern import versions
from kern.page_cache import content_changed
from kern.search import index_tokens, sort_key
from mitglieder.models import PROFILES_VERSION, Profile
from mitglieder.search import (
    FIELDS,
    FTS_TABLE,
    RANKED,
    use_current_compound_parts,
    uses_postgres_search,
)

MAX_POSITION = 16_383  # PostgreSQL's largest tsvector position


def search_fields(profile, disciplines) -> dict[str, list[tuple[str, bool]]]:
    """Everything a visitor might search a profile by, per field of mitglieder.search, as
    (text, split compounds) pairs. A submarket is broad ("Designwirtschaft" holds
    photographers), so it counts as little as the description."""
    place = profile.municipality
    submarkets = {d.submarket_id: d.submarket for d in disciplines}.values()
    return {
        "a": [(profile.name, True)],
        "b": [
            (place.name, False),
            (place.district.name, False),
            *((text, True) for d in disciplines for text in _vocabulary_texts(d)),
        ],
        "c": [(profile.tagline, True)],
        "d": [
            (profile.description, True),
            *((text, True) for s in submarkets for text in _vocabulary_texts(s)),
        ],
    }


def _vocabulary_texts(item):
    return (item.name, item.name_en, item.search_terms)


def vocabulary_tokens(item, *, split_compounds=True) -> frozenset:
    """The tokens a place, district, discipline or submarket gives the profiles of it."""
    texts = (item.name,) if not split_compounds else _vocabulary_texts(item)
    # As verzeichnis.spelling reads them: a list of terms is one text too.
    texts = [text if isinstance(text, str) else " ".join(text) for text in texts]
    return frozenset(
        token for text in texts for token in index_tokens(text, split_compounds=split_compounds)
    )


def vocabulary_index(municipalities, disciplines) -> tuple:
    """(id, field, tokens, within) of every place, district, discipline and submarket, for
    mitglieder.search.count_condition: what count_fields stores as ids. `within` is the id
    of a discipline's submarket, which every profile of the discipline holds too ("" for
    the others)."""
    items, districts, submarkets = [], {}, {}
    for place in municipalities:
        items.append(
            (
                vocabulary_id("municipality", place.pk),
                "b",
                vocabulary_tokens(place, split_compounds=False),
                "",
            )
        )
        districts[place.district_id] = place.district
    for pk, district in districts.items():
        tokens = vocabulary_tokens(district, split_compounds=False)
        items.append((vocabulary_id("district", pk), "b", tokens, ""))
    for discipline in disciplines:
        within = vocabulary_id("submarket", discipline.submarket_id)
        items.append(
            (vocabulary_id("discipline", discipline.pk), "b", vocabulary_tokens(discipline), within)
        )
        submarkets[discipline.submarket_id] = discipline.submarket
    for pk, submarket in submarkets.items():
        items.append((vocabulary_id("submarket", pk), "d", vocabulary_tokens(submarket), ""))
    return tuple(items)


def completeness(profile) -> int:
    """0-3: a picture, a description, a website (relevance ties go to the more complete)."""
    return bool(profile.image) + bool(profile.description) + bool(profile.website)


def count_fields(profile, disciplines) -> dict[str, list]:
    """search_fields with the vocabulary as ids: (text, split compounds) pairs for the
    profile's own texts, and ids (tokens no text can produce: text tokens hold no "_") for
    the place, district, disciplines and submarkets, whose texts every profile of them
    shares. mitglieder.search.count_tsquery asks for the ids whose texts match a word."""
    place = profile.municipality
    submarkets = sorted({d.submarket_id for d in disciplines})
    return {
        "a": [(profile.name, True)],
        "b": [
            vocabulary_id("municipality", place.pk),
            vocabulary_id("district", place.district_id),
            *(vocabulary_id("discipline", d.pk) for d in disciplines),
        ],
        "c": [(profile.tagline, True)],
        "d": [(profile.description, True), *(vocabulary_id("submarket", pk) for pk in submarkets)],
    }


def search_tokens(fields) -> dict[str, list[str]]:
    tokens = {}
    for weight, texts in fields.items():
        found = {}
        for text in texts:
            if isinstance(text, str):  # an id of count_fields
                found[text] = None
                continue
            text, split_compounds = text
            found.update(dict.fromkeys(index_tokens(text, split_compounds=split_compounds)))
        tokens[weight] = list(found)
    return tokens


def fts_row(tokens: dict[str, list[str]]) -> tuple[str, str, str, str]:
    """The columns a, b, c, d of SQLite's FTS5 table (mitglieder.search.FTS_TABLE): each
    field's tokens, separated by spaces; the plain tokenizer keeps them as they are."""
    return tuple(" ".join(tokens.get(field, ())) for field in FIELDS)


_ID_PREFIXES = {"municipality": "m", "district": "k", "discipline": "d", "submarket": "s"}


def vocabulary_id(kind: str, pk: int) -> str:
    """ "d_12" for discipline 12: a token no text gives (kern.search drops "_" from words)."""
    return f"{_ID_PREFIXES[kind]}_{pk}"


def tsvector_literal(tokens: dict[str, list[str]], weights: str = "abcd") -> str:
    """A tsvector as text ("'token':1A ..."): tokens are \\w-only, so they need no escaping,
    and PostgreSQL's own parser never sees them (it might split what Python kept whole)."""
    entries, position = [], 0
    for weight, items in tokens.items():
        if weight not in weights:
            continue
        for token in items:
            position = min(position + 1, MAX_POSITION)
            entries.append(f"'{token}':{position}{weight.upper()}")
    return " ".join(entries)


# Sent at the end of every refresh with the ids it was given (some may have been deleted
# meanwhile): what else is derived from profiles (the directory's facet counters) follows.
search_index_refreshed = Signal()


def refresh_search_index(profile_ids) -> None:
    """Recompute the derived search columns of the given profiles."""
    profile_ids = list(profile_ids)
    use_current_compound_parts()
    profiles = list(
        Profile.objects.filter(pk__in=profile_ids)
        .select_related("municipality__district")
        .prefetch_related("disciplines__submarket")
    )
    postgres = uses_postgres_search()
    rows, fts_rows = [], []
    for profile in profiles:
        disciplines = list(profile.disciplines.all())
        tokens = search_tokens(search_fields(profile, disciplines))
        if postgres:
            row = (
                tsvector_literal(tokens),
                tsvector_literal(tokens, weights=RANKED),
                tsvector_literal(search_tokens(count_fields(profile, disciplines))),
            )
        else:
            # SQLite keeps the same tokens in its FTS5 table instead of the vectors.
            row = (None, None, None)
            fts_rows.append((profile.pk, *fts_row(tokens)))
        rows.append((sort_key(profile.name), completeness(profile), *row, profile.pk))
    # One parametrised UPDATE run with executemany: bulk_update's CASE expressions grow with
    # the batch and dominated seeding 20 000 profiles.
    meta, quote = Profile._meta, connection.ops.quote_name
    cast = "::tsvector" if postgres else ""
    statement = (
        f"UPDATE {quote(meta.db_table)} SET {quote('sort_name')} = %s, "  # noqa: S608 - names only
        f"{quote('completeness')} = %s, {quote('search_vector')} = %s{cast}, "
        f"{quote('search_rank_vector')} = %s{cast}, {quote('search_count_vector')} = %s{cast} "
        f"WHERE {quote(meta.pk.column)} = %s"
    )
    with connection.cursor() as cursor:
        cursor.executemany(statement, rows)
        if not postgres:
            # An FTS5 table has no UPDATE that keeps its index small: delete, then insert
            # (rows of deleted profiles go too, as their ids are among those given).
            for start in range(0, len(profile_ids), 500):
                batch = profile_ids[start : start + 500]
                cursor.execute(
                    f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({', '.join(['%s'] * len(batch))})",  # noqa: S608
                    batch,
                )
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} (rowid, a, b, c, d) VALUES (%s, %s, %s, %s, %s)",  # noqa: S608
                fts_rows,
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
