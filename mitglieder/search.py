"""Directory search on both backends, over tokens that one Python code path produces.

mitglieder.indexing stores every profile's tokens (kern.search: folded, stemmed, compounds
split), each marked with the field it came from: the name (A), the disciplines, their search
terms and the place (B), the tagline (C) and the description (D).

PostgreSQL keeps them in a GIN-indexed tsvector (built as a literal, config 'simple', so
PostgreSQL changes no token); SQLite in a text column (" a:token b:token ..."). A query
word matches a token that starts with its own token, or, for a compound of known parts
("Grafikdesign"), tokens for all of its parts. Every word must match.

Relevance is predictable: per word, the best field it matched in counts (name 1000,
discipline 100, tagline 10, description 1; at most 8 words, so a better field always
wins); ties go to the more complete profile (times ten plus 0-3), then the name.
"""

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Case, IntegerField, Q, Value, When

from kern.search import QueryWord, query_words

FIELDS = ("a", "b", "c", "d")  # name, disciplines and place, tagline, description
FIELD_SCORES = {"a": 1000, "b": 100, "c": 10, "d": 1}


def uses_postgres_search() -> bool:
    return connection.vendor == "postgresql"


def _tsquery(word: QueryWord, field: str = "") -> str:
    # Tokens are \w-only (kern.search), so no tsquery operator or quote can slip in.
    weight = field.upper()
    alternatives = f"{word.token}:*{weight}"
    if word.parts:
        alternatives += " | (" + " & ".join(f"{part}:*{weight}" for part in word.parts) + ")"
    return f"({alternatives})"


def _postgres_matches(word: QueryWord, field: str = ""):
    return Q(search_vector=SearchQuery(_tsquery(word, field), search_type="raw", config="simple"))


def _sqlite_matches(word: QueryWord, field: str = ""):
    # The stored text is " a:token b:token ...": ":" (or " a:") marks the start of a token.
    marker = f" {field}:" if field else ":"
    condition = Q(search_text__contains=marker + word.token)
    if word.parts:
        all_parts = Q()
        for part in word.parts:
            all_parts &= Q(search_text__contains=marker + part)
        condition |= all_parts
    return condition


def _completeness():
    """0-3: a picture, a description, a website."""
    image, description, website = (
        Case(When(~Q(**{name: ""}), then=Value(1)), default=Value(0))
        for name in ("image", "description", "website")
    )
    return image + description + website


def search_profiles(queryset, query: str):
    """Profiles matching every meaningful word of `query`, annotated with `relevance`. A
    query without one (only stopwords or short words) filters nothing."""
    words = query_words(query)
    if not words:
        return queryset.annotate(relevance=Value(0, output_field=IntegerField()))
    if uses_postgres_search():
        matches = _postgres_matches
        # One tsquery for the filter, so PostgreSQL can answer it from the GIN index.
        raw = " & ".join(_tsquery(word) for word in words)
        condition = Q(search_vector=SearchQuery(raw, search_type="raw", config="simple"))
    else:
        matches = _sqlite_matches
        condition = Q()
        for word in words:
            condition &= matches(word)
    score = Value(0)
    for word in words:
        score += Case(
            *(When(matches(word, field), then=Value(FIELD_SCORES[field])) for field in FIELDS[:3]),
            default=Value(FIELD_SCORES["d"]),
        )
    return queryset.filter(condition).annotate(relevance=score * 10 + _completeness())

