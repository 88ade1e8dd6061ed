"""Directory search on both backends.

PostgreSQL: German full-text search over a stored, GIN-indexed tsvector, ranked. The text
is folded before stemming (core.search.fold), so "Muller", "Mueller" and "Müller" meet, and
query words match as prefixes of a shortened form, so "Fotografie" finds "Fotograf".
SQLite: the same folding and shortening, matched with LIKE over a folded text column.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, FloatField, IntegerField, Q, Value, When

from core.search import fold, search_terms, sort_key, stem_prefix

SEARCH_CONFIG = "german"


def uses_postgres_search() -> bool:
    return connection.vendor == "postgresql"


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


def refresh_search_index(profile_ids) -> None:
    """Recompute the derived search columns of the given profiles."""
    from mitglieder.models import Profile

    profiles = list(
        Profile.objects.filter(pk__in=list(profile_ids))
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


def _postgres_query(terms):
    """Each word must match either as a stemmed prefix (german) or as the unstemmed prefix of
    its shortened form (simple): the first finds "Müller" for "Muller", the second
    "Fotograf" for "Fotografie" without stemming "Designerin" down to every "Design…"."""
    # Words are \w-only (core.search.search_terms), so no tsquery operator can slip in.
    combined = None
    for term in terms:
        either = SearchQuery(f"{term}:*", search_type="raw", config=SEARCH_CONFIG) | SearchQuery(
            f"{stem_prefix(term)}:*", search_type="raw", config="simple"
        )
        combined = either if combined is None else combined & either
    return combined


def search_profiles(queryset, query: str):
    terms = [fold(term) for term in search_terms(query)]
    if not terms:
        return queryset.annotate(relevance=Value(0.0, output_field=FloatField()))
    if uses_postgres_search():
        matching = _postgres_query(terms)
        exact = SearchQuery(
            " & ".join(f"{term}:*" for term in terms), search_type="raw", config=SEARCH_CONFIG
        )
        return queryset.filter(search_vector=matching).annotate(
            relevance=SearchRank(F("search_vector"), matching)
            + SearchRank(F("search_vector"), exact)
        )
    condition = Q()
    for term in terms:
        condition &= Q(search_text__contains=stem_prefix(term))
    return queryset.filter(condition).annotate(
        relevance=Case(
            When(sort_name__contains=terms[0], then=Value(2)),
            When(search_text__contains=terms[0], then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    )
