"""Directory search on both backends, over tokens that one Python code path produces.

mitglieder.indexing stores every profile's tokens (kern.search: folded, stemmed, compounds
split), each marked with the field it came from: the name (A), the disciplines, their search
terms and the place (B), the tagline (C) and the description (D).

PostgreSQL keeps them in a GIN-indexed tsvector (built as a literal, config 'simple', so
PostgreSQL changes no token) that filters, and fields A-C again in a small one that ranks;
SQLite in a text column (" a:token b:token ..."). A query
word matches a token that starts with its own token (that equals it, for tokens shorter
than four letters), or, for a compound of known parts ("Grafikdesign"), tokens for all of
its parts within one field. Every word must match.

Relevance is predictable: every field a word matches in adds its score (name 1000,
disciplines and place 100, tagline 10; 1 if it matched only in the description or
submarket). With at most 8 words
no number of weaker matches outweighs a stronger one, so a name match ranks above a
discipline match, above a tagline match, above a description match. Ties go to the more
complete profile (relevance is the score times ten plus 0-3), then to the name.
"""

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Case, IntegerField, Q, Value, When

from kern.search import QueryWord, query_words

FIELDS = ("a", "b", "c", "d")  # name, disciplines and place, tagline, description
RANKED = "abc"  # the fields of PostgreSQL's small ranking vector
FIELD_SCORES = {"a": 1000, "b": 100, "c": 10, "d": 1}


def uses_postgres_search() -> bool:
    return connection.vendor == "postgresql"


def _part_fields(parts, field, fields):
    if not parts:
        return ()
    return (field,) if field else tuple(fields)


def _ts_pattern(pattern: str, prefix: bool, field: str) -> str:
    # Tokens are \w-only (kern.search), so no tsquery operator or quote can slip in.
    flags = ("*" if prefix else "") + field.upper()
    return f"{pattern}:{flags}" if flags else pattern


def _tsquery(word: QueryWord, field: str = "") -> str:
    """The word's token in `field` (any field if none), or all its parts in one field."""
    (token, prefix), *parts = word.patterns()
    alternatives = [_ts_pattern(token, prefix, field)]
    for part_field in _part_fields(parts, field, FIELDS):
        alternatives.append(
            "(" + " & ".join(_ts_pattern(p, pre, part_field) for p, pre in parts) + ")"
        )
    return "(" + " | ".join(alternatives) + ")"


def _postgres_matches(word: QueryWord, field: str = ""):
    """The word in `field`, or in any of the ranked fields: asked of the small ranking vector,
    which holds exactly those (the filter asks the full vector, see search_profiles)."""
    query = SearchQuery(_tsquery(word, field), search_type="raw", config="simple")
    return Q(search_rank_vector=query)


def _sqlite_contains(pattern: str, prefix: bool, fields: str):
    # The stored text is " a:token b:token ... ": " a:" marks the start of a token in field
    # a, and a token that must match whole ends with the space after it.
    end = "" if prefix else " "
    condition = Q()
    for field in fields:
        condition |= Q(search_text__contains=f" {field}:{pattern}{end}")
    return condition


def _sqlite_matches(word: QueryWord, field: str = "", *, ranked=True):
    """As _tsquery and _postgres_matches, for the text column."""
    (token, prefix), *parts = word.patterns()
    condition = _sqlite_contains(token, prefix, field or (RANKED if ranked else "abcd"))
    for part_field in _part_fields(parts, field, RANKED if ranked else FIELDS):
        all_parts = Q()
        for pattern, part_prefix in parts:
            all_parts &= _sqlite_contains(pattern, part_prefix, part_field)
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
        # One tsquery over the full vector for the filter, so the GIN index answers it.
        raw = " & ".join(_tsquery(word) for word in words)
        condition = Q(search_vector=SearchQuery(raw, search_type="raw", config="simple"))
    else:
        matches = _sqlite_matches
        condition = Q()
        for word in words:
            condition &= _sqlite_matches(word, ranked=False)
    score = Value(0)
    for word in words:
        for field in RANKED:
            score += Case(When(matches(word, field), then=Value(FIELD_SCORES[field])), default=0)
        # Matched, but in none of the ranked fields: in the description or submarket.
        score += Case(When(matches(word), then=Value(0)), default=Value(FIELD_SCORES["d"]))
    return queryset.filter(condition).annotate(relevance=score * 10 + _completeness())
