"""Search at 200 000 profiles: the count vector PostgreSQL counts a search by finds exactly
the profiles the search finds (verzeichnis counts), and search pages stay in order."""

import pytest

from mitglieder.models import Profile
from mitglieder.search import count_condition, counted_relevance, uses_postgres_search
from tests.search.test_relevance import CASES, RANKINGS
from tests.search.test_relevance import corpus as corpus  # a fixture
from verzeichnis.directory import Directory
from verzeichnis.models import CountedProfile
from verzeichnis.vocabulary import load_vocabulary

QUERIES = sorted({query for query, *_ in CASES} | {query for query, _ in RANKINGS})


@pytest.fixture
def postgres_only():
    if not uses_postgres_search():
        pytest.skip("the shortcuts exist on PostgreSQL only")


def plain_order(query):
    ranked = Profile.objects.listed().search(query).order_by("-relevance", "sort_name", "pk")
    return list(ranked.values_list("pk", flat=True))


@pytest.mark.parametrize("query", QUERIES)
def test_the_count_vector_finds_exactly_what_search_finds(corpus, db, postgres_only, query):
    condition = count_condition(query, load_vocabulary().search_items)
    counted = set(CountedProfile.objects.filter(condition).values_list("profile_id", flat=True))
    assert counted == set(plain_order(query))


def test_a_search_page_continues_the_one_before_and_counts_right(corpus, client, monkeypatch):
    # Four photographers in the corpus: page 2 (of 3 per page) continues page 1.
    monkeypatch.setattr(Directory, "per_page", 3)
    expected = [Profile.objects.get(pk=pk).name for pk in plain_order("Fotografie")]
    shown = []
    for page in (1, 2):
        response = client.get("/mitglieder/", {"q": "Fotografie", "seite": page})
        assert response.context["total"] == len(expected) == 4
        shown += [profile.name for profile in response.context["page"].object_list]
    assert shown == expected


def directory_order(params):
    """The profile ids of the directory's result, in its order (every page at once)."""
    return list(Directory(params).object_list().values_list("profile_id", flat=True))


@pytest.mark.parametrize("query", QUERIES)
def test_the_counted_rows_rank_every_query_as_the_search_does(corpus, db, postgres_only, query):
    # The directory ranks a search in the counters' narrow rows: same profiles, same order.
    assert directory_order({"q": query}) == plain_order(query)


@pytest.mark.parametrize("query", ["Fotografie", "Design Leipzig", "Illustratorin", "Holz"])
def test_the_counted_rows_score_each_profile_as_the_search_does(corpus, db, postgres_only, query):
    vocabulary = load_vocabulary().search_items
    counted = dict(
        CountedProfile.objects.annotate(relevance=counted_relevance(query, vocabulary))
        .filter(profile_id__in=plain_order(query))
        .values_list("profile_id", "relevance")
    )
    searched = dict(Profile.objects.listed().search(query).values_list("pk", "relevance"))
    assert counted == searched


@pytest.mark.parametrize(
    ("sort", "order"), [("name", ("sort_name", "pk")), ("neu", ("-published_at", "-pk"))]
)
def test_a_search_sorted_by_name_or_date_keeps_that_order(corpus, db, postgres_only, sort, order):
    expected = Profile.objects.listed().search("Design").order_by(*order)
    assert directory_order({"q": "Design", "sortierung": sort}) == list(
        expected.values_list("pk", flat=True)
    )


def test_a_filtered_search_ranks_only_the_filtered_profiles(corpus, db, postgres_only):
    expected = (
        Profile.objects.listed()
        .search("Design")
        .filter(association__slug="leipzig")
        .order_by("-relevance", "sort_name", "pk")
    )
    assert directory_order({"q": "Design", "verband": "leipzig"}) == list(
        expected.values_list("pk", flat=True)
    )


@pytest.mark.parametrize(
    "params",
    [
        {"q": "Design"},
        {"q": "Fotografie", "verband": "leipzig"},
        {"q": "Illustratorin", "art": "person"},
        {"q": "Leipzig"},
        {"q": "Design", "verband": "leipzig", "art": "company"},  # tested row by row
    ],
)
def test_a_search_counts_every_facet_as_its_profiles_do(
    corpus, db, postgres_only, monkeypatch, params
):
    # The counted rows' grouping sets give the numbers that grouping the profiles gives.
    counted = Directory(params)._count_matches()
    monkeypatch.setattr(Directory, "searches_counted_rows", False)
    assert Directory(params)._count_matches() == counted
    assert counted["totals"]["total"] and counted["places"] and counted["disciplines"]


@pytest.mark.parametrize("query", QUERIES)
def test_testing_each_row_finds_what_the_index_finds(corpus, db, postgres_only, query):
    # The directory skips the index when filters leave far fewer rows than it would read.
    vocabulary = load_vocabulary().search_items
    rows = CountedProfile.objects.values_list("profile_id", flat=True)
    unindexed = rows.filter(count_condition(query, vocabulary, indexed=False))
    assert set(unindexed) == set(rows.filter(count_condition(query, vocabulary)))


@pytest.mark.parametrize(
    ("params", "indexed"),
    [
        # A word that names a Teilmarkt reads an index entry per profile of it: more than
        # testing the nine companies of Leipzig one by one.
        ({"q": "Design", "verband": "leipzig", "art": "company"}, False),
        ({"q": "Müller", "verband": "leipzig"}, True),  # names nothing: few entries
        ({"q": "Design"}, True),  # no filter: every row would be tested
    ],
)
def test_a_broad_word_among_few_filtered_profiles_is_tested_row_by_row(
    corpus, db, postgres_only, params, indexed
):
    directory = Directory(params)
    assert directory._search_index_pays_off is indexed
    filters = {"verband": "association__slug", "art": "kind"}
    expected = (
        Profile.objects.listed()
        .search(params["q"])
        .filter(**{filters[name]: value for name, value in params.items() if name != "q"})
        .order_by("-relevance", "sort_name", "pk")
    )
    assert directory_order(params) == list(expected.values_list("pk", flat=True))
