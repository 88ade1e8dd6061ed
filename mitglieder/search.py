"""Directory search on both backends.

PostgreSQL: German full-text search over a stored, GIN-indexed tsvector, ranked. The text
is folded before stemming (kern.search.fold), so "Muller", "Mueller" and "Müller" meet, and
query words match as prefixes of a shortened form, so "Fotografie" finds "Fotograf".
SQLite: the same folding and shortening, matched with LIKE over a folded text column.
The searched columns are kept current by mitglieder.indexing.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, FloatField, IntegerField, Q, Value, When

from kern.search import fold, search_terms, stem_prefix

SEARCH_CONFIG = "german"


def uses_postgres_search() -> bool:
    return connection.vendor == "postgresql"


def _postgres_query(terms):
    """Each word must match either as a stemmed prefix (german) or as the unstemmed prefix of
    its shortened form (simple): the first finds "Müller" for "Muller", the second
    "Fotograf" for "Fotografie" without stemming "Designerin" down to every "Design…"."""
    # Words are \w-only (kern.search.search_terms), so no tsquery operator can slip in.
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
