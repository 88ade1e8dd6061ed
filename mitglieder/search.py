"""Directory search on both backends, over tokens that one Python code path produces.

mitglieder.indexing stores every profile's tokens (kern.search: folded, stemmed, compounds
split), each marked with the field it came from: the name (A), the disciplines, their search
terms and the place (B), the tagline (C) and the description (D).

PostgreSQL keeps them in a GIN-indexed tsvector (built as a literal, config 'simple', so
PostgreSQL changes no token) that filters, and fields A-C again in a small one that ranks;
SQLite in an FTS5 table with a column per field. A query
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

from functools import lru_cache

from django.contrib.postgres.search import SearchQuery, SearchVectorExact, SearchVectorField
from django.db import connection
from django.db.models import Case, F, Func, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Greatest

from kern import versions
from kern.search import QueryWord, sort_key, use_vocabulary_parts
from kern.search import query_words as _query_words
from teilmaerkte.models import Discipline

FIELDS = ("a", "b", "c", "d")  # name, disciplines and place, tagline, description
RANKED = "abc"  # the fields of PostgreSQL's small ranking vector
FIELD_SCORES = {"a": 1000, "b": 100, "c": 10, "d": 1}


# Bumped when staff change a discipline or Teilmarkt (mitglieder.signals): their names and
# search terms are compound parts (kern.search.use_vocabulary_parts).
COMPOUND_PARTS_VERSION = "search-compound-parts"
_parts_version = [None]


def use_current_compound_parts() -> None:
    """Give kern.search the vocabulary's words as compound parts, reloaded (one query)
    once staff changed them; the index (mitglieder.indexing) and queries call this first."""
    version = versions.current(COMPOUND_PARTS_VERSION)
    if _parts_version[0] == version:
        return
    rows = Discipline.objects.values_list(
        "name",
        "name_en",
        "search_terms",
        "submarket__name",
        "submarket__name_en",
        "submarket__search_terms",
    )
    use_vocabulary_parts(text for row in rows for text in row)
    _parts_version[0] = version


def query_words(query):
    """kern.search.query_words with the current compound parts."""
    use_current_compound_parts()
    return _query_words(query)


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


def _postgres_matches(word: QueryWord, field: str):
    """The word in the ranked `field`: asked of the small ranking vector, which holds the
    ranked fields (the filter asks the full vector, see search_profiles)."""
    query = SearchQuery(_tsquery(word, field), search_type="raw", config="simple")
    return Q(search_rank_vector=query)


# SQLite: an FTS5 table (created by migration 0013 on SQLite only) with a column per field,
# fed with our tokens; its tokenizer (unicode61, no diacritics removed) keeps them as they
# are. Prefix queries ("fotograf"*) find longer tokens, column filters ({a b c} : ...) the
# fields. Every token is quoted, and holds only \w characters, so no FTS5 operator can
# come from a visitor.
FTS_TABLE = "mitglieder_profile_fts"


def fts_pattern(pattern: str, prefix: bool) -> str:
    return f'"{pattern}"' + ("*" if prefix else "")


def _fts_query(word: QueryWord, fields: str) -> str:
    """As _tsquery: the word's token in any of `fields`, or all its parts in one of them."""
    (token, prefix), *parts = word.patterns()
    alternatives = ["{" + " ".join(fields) + "} : " + fts_pattern(token, prefix)]
    for field in fields if parts else ():
        together = " AND ".join(fts_pattern(p, pre) for p, pre in parts)
        alternatives.append(f"{field} : ({together})")
    return " OR ".join(f"({alternative})" for alternative in alternatives)


def fts_matches(expression: str):
    return Q(
        pk__in=RawSQL(  # noqa: S611 - a constant table name; the query is a parameter
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",  # noqa: S608
            [expression],
        )
    )


def _sqlite_matches(word: QueryWord, field: str):
    """As _postgres_matches, for the FTS5 table."""
    return fts_matches(_fts_query(word, field))


# A name that is the query as typed, small words included ("Haus der Fotografie"), ranks
# above every other match: matching ignores stopwords, this does not.
PHRASE_SCORE = 10_000


def phrase_key(query: str) -> str:
    """The query as the sort_name of a profile named exactly so."""
    return sort_key(" ".join(query.split()))


def _phrase_score(query: str):
    return Case(When(sort_name=phrase_key(query), then=Value(PHRASE_SCORE)), default=Value(0))


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
        # One MATCH for the filter: every word, each in any field.
        fields = "".join(FIELDS)
        condition = fts_matches(" AND ".join(f"({_fts_query(word, fields)})" for word in words))
    return queryset.filter(condition).annotate(relevance=_relevance(query, words, matches))


def _relevance(query: str, words, matches):
    """The score of the module docstring: `matches(word, field)` tests a word in one ranked
    field."""
    terms = [_phrase_score(query)]
    for word in words:
        in_ranked = Plus(
            *(
                Case(When(matches(word, field), then=Value(FIELD_SCORES[field])), default=0)
                for field in RANKED
            )
        )
        # Every row found matches every word; one that matched it in none of the ranked
        # fields matched it in the description or submarket. A floor says so without a
        # fourth test of the word (a quarter of the ranking's work at 200 000 profiles).
        terms.append(Greatest(in_ranked, Value(FIELD_SCORES["d"])))
    return Plus(*terms) * 10 + F("completeness")


class Plus(Func):
    """a + b + c ... as one flat expression. Chaining `+` nests: Django copies a nested sum
    level by level whenever it resolves it, and for eight words (33 terms) that was most
    of a search request's time in Python."""

    template = "(%(expressions)s)"
    arg_joiner = " + "
    output_field = IntegerField()


# Counting a search's matches on PostgreSQL ---------------------------------------------
#
# The count needs every match, but not the profile rows: the directory keeps a narrow row
# per listed profile with its facets and the count vector (verzeichnis.counters). That
# vector holds the profile's own words and, instead of the many search terms of its
# place and disciplines, their ids (mitglieder.indexing.count_fields); so a query word
# becomes its own tokens or the ids of the vocabulary items whose tokens it matches.


def _matches_any(tokens, pattern: str, prefix: bool) -> bool:
    if prefix:
        return any(token.startswith(pattern) for token in tokens)
    return pattern in tokens


def _quoted(token: str, prefix: bool = False, weight: str = "") -> str:
    # Tokens and ids are \w-only: nothing to escape inside the quotes.
    flags = ("*" if prefix else "") + weight
    return f"'{token}'" + (f":{flags}" if flags else "")


# Cached: a query asks for the same word up to six times (fields A-D, count and rank), and
# visitors for the same words; the vocabulary, a tuple, is its own cache key.
@lru_cache(maxsize=4096)
def _ids(vocabulary, field, pattern, prefix) -> tuple[str, ...]:
    return tuple(
        _quoted(item_id)
        for item_id, item_field, tokens, _ in vocabulary
        if item_field == field and _matches_any(tokens, pattern, prefix)
    )


@lru_cache(maxsize=4096)
def _count_ids(vocabulary, pattern, prefix) -> tuple[str, ...]:
    """The ids a count vector must hold one of for the word to match in its vocabulary
    (fields B and D): those of _ids, less the disciplines of a matched submarket, whose
    profiles all hold the submarket's id too. "Design" matches the Designwirtschaft and
    five of its disciplines; asking the index for those five as well made it read 45 000
    more entries at 200 000 profiles, for no profile more."""
    submarkets = {
        item_id
        for item_id, field, tokens, _ in vocabulary
        if field == "d" and _matches_any(tokens, pattern, prefix)
    }
    return tuple(
        item_id
        for item_id, field, tokens, within in vocabulary
        if _matches_any(tokens, pattern, prefix)
        and (field == "d" or (field == "b" and within not in submarkets))
    )


def vocabulary_matches(query: str, vocabulary) -> list[str]:
    """The ids (mitglieder.indexing.vocabulary_id) of the places, districts, disciplines and
    submarkets that the words of `query` match, as the count asks for them."""
    return [
        item_id
        for word in query_words(query)
        for item_id in _count_ids(vocabulary, *word.patterns()[0])
    ]


class CastTsquery(SearchQuery):
    """A tsquery written by this module, cast rather than parsed: to_tsquery would run the
    ids through PostgreSQL's parser, which splits "d_12" at the underscore."""

    template = "%(expressions)s::tsquery"

    def __init__(self, raw: str):
        super().__init__(raw, search_type="raw")  # no config: the query is final


def _ranked_word(word: QueryWord, vocabulary, field: str) -> list[str]:
    """As _tsquery(word, field) for a ranked field, over a count vector: the alternatives
    (none if no place, district or discipline matches a word asked of field "b")."""
    (token, prefix), *parts = word.patterns()
    if field == "b":
        found = list(_ids(vocabulary, "b", token, prefix))
        in_b = [_ids(vocabulary, "b", p, pre) for p, pre in parts]
        if parts and all(in_b):
            found.append(" & ".join("(" + " | ".join(ids) + ")" for ids in in_b))
        return found
    weight = field.upper()
    found = [_quoted(token, prefix, weight)]
    if parts:
        found.append(" & ".join(_quoted(p, pre, weight) for p, pre in parts))
    return found


def counted_relevance(query: str, vocabulary, vector: str = "rank_vector"):
    """search_profiles' `relevance` for rows that hold, besides `sort_name` and
    `completeness`, the ranked fields (A-C) of a count vector in `vector` (the directory's
    narrow rows, verzeichnis.counters): the same number for the same profile."""
    words = query_words(query)
    if not words:
        return Value(0, output_field=IntegerField())
    word_tests = []
    for word in words:
        tests = []
        for field in RANKED:
            alternatives = _ranked_word(word, vocabulary, field)
            if alternatives:  # none: the word cannot match in this field
                raw = " | ".join(f"({alternative})" for alternative in alternatives)
                tests.append((raw, FIELD_SCORES[field]))
        word_tests.append(tuple(tests))
    return CountedRelevance(phrase_key(query), tuple(word_tests), vector)


class CountedRelevance(Func):
    """_relevance's number, written as SQL text in one piece: as an expression tree of
    Case, When and Greatest it took 1 ms to build and compile for one word and 7 ms for
    eight, and a search page compiles it twice (its ids, then its rows' order).
    `word_tests`: per query word, (tsquery, score) for each ranked field it can match in."""

    output_field = IntegerField()

    def __init__(self, phrase: str, word_tests: tuple, vector: str):
        super().__init__(F("sort_name"), F(vector), F("completeness"))
        self.phrase, self.word_tests = phrase, word_tests

    def as_sql(self, compiler, connection, **extra_context):
        name, vector, completeness = (
            compiler.compile(expression)[0] for expression in self.get_source_expressions()
        )
        terms = [f"CASE WHEN {name} = %s THEN {PHRASE_SCORE} ELSE 0 END"]
        params = [self.phrase]
        for tests in self.word_tests:
            scored = [
                f"CASE WHEN {vector} @@ %s::tsquery THEN {score} ELSE 0 END" for _, score in tests
            ]
            params += [raw for raw, _ in tests]
            # The floor of _relevance: a row found matched the word somewhere.
            terms.append(f"GREATEST({' + '.join(scored)}, {FIELD_SCORES['d']})")
        return f"(({' + '.join(terms)}) * 10 + {completeness})", params


def _count_word(word: QueryWord, vocabulary) -> str:
    """As _tsquery(word) over the full vector, for the count vector."""
    (token, prefix), *parts = word.patterns()
    alternatives = [_quoted(token, prefix)]
    alternatives += map(_quoted, _count_ids(vocabulary, token, prefix))
    if parts:
        for weight in "AC":
            alternatives.append(" & ".join(_quoted(p, pre, weight) for p, pre in parts))
        in_b = [_ids(vocabulary, "b", p, pre) for p, pre in parts]
        if all(in_b):
            alternatives.append(" & ".join("(" + " | ".join(ids) + ")" for ids in in_b))
        alternatives.append(
            " & ".join(
                "(" + " | ".join([_quoted(p, pre, "D"), *_ids(vocabulary, "d", p, pre)]) + ")"
                for p, pre in parts
            )
        )
    return "(" + " | ".join(f"({a})" for a in alternatives) + ")"


def count_tsquery(query: str, vocabulary) -> str | None:
    """The tsquery (as text) that a count vector must match for a profile to be found by
    `query`; None if the query has no word to match (it filters nothing)."""
    words = query_words(query)
    if not words:
        return None
    return " & ".join(_count_word(word, vocabulary) for word in words)


def count_condition(query: str, vocabulary, vector: str = "search_vector", *, indexed=True):
    """A filter on rows with a count vector in `vector` matching exactly the profiles
    search_profiles finds. `vocabulary`: (id, field, tokens, within) of every place,
    district, discipline and submarket (mitglieder.indexing.vocabulary_index).

    Not `indexed`, the vector is tested row by row rather than looked up in its index: for
    rows that other filters have already narrowed down to far fewer than the index entries
    the words would read (verzeichnis.directory decides)."""
    raw = count_tsquery(query, vocabulary)
    if raw is None:
        return Q()
    query = CastTsquery(raw)
    if indexed:
        return Q(**{vector: query})
    # An expression the planner cannot match to the index; the vector is never NULL.
    unindexed = Coalesce(F(vector), Value("", output_field=SearchVectorField()))
    return Q(SearchVectorExact(unindexed, query))
