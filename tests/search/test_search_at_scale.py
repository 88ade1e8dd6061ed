"""The PostgreSQL shortcuts of search at 200 000 profiles give exactly what the plain
search gives: the count vector finds the same profiles (verzeichnis counts), and the rank
tiers of a one-word query put them in the same order, page by page (mitglieder.search)."""

import pytest
from django.db import connection

from mitglieder.models import Profile
from mitglieder.search import count_condition, ranked_ids, uses_postgres_search
from tests.search.test_relevance import CASES, RANKINGS
from tests.search.test_relevance import corpus as corpus  # a fixture
from verzeichnis.directory import Directory
from verzeichnis.models import CountedProfile
from verzeichnis.vocabulary import load_vocabulary

QUERIES = sorted({query for query, *_ in CASES} | {query for query, _ in RANKINGS})
ONE_WORD = [query for query in QUERIES if len(query.split()) == 1]


@pytest.fixture
def postgres_only():
    if not uses_postgres_search():
        pytest.skip("the shortcuts exist on PostgreSQL only")


def plain_order(query):
    ranked = Profile.objects.listed().search(query).order_by("-relevance", "sort_name", "pk")
    return list(ranked.values_list("pk", flat=True))


@pytest.mark.parametrize("query", QUERIES)
def test_the_count_vector_finds_exactly_what_search_finds(corpus, db, postgres_only, query):
    column = connection.ops.quote_name(CountedProfile._meta.db_table) + '."search_vector"'
    condition = count_condition(query, load_vocabulary().search_items, column)
    counted = set(CountedProfile.objects.filter(condition).values_list("profile_id", flat=True))
    assert counted == set(plain_order(query))


@pytest.mark.parametrize("query", ONE_WORD)
def test_rank_tiers_give_the_plain_ranking_page_by_page(corpus, db, postgres_only, query):
    expected = plain_order(query)
    listed = Profile.objects.listed()
    assert ranked_ids(listed, query, len(expected) + 5) == expected
    # A page of three further down is the plain ranking's slice.
    assert ranked_ids(listed, query, 5)[2:] == expected[2:5]


def test_the_directory_pages_a_one_word_search_in_tiers(corpus, client, postgres_only, monkeypatch):
    # Four photographers in the corpus: page 2 (of 3 per page) continues page 1.
    monkeypatch.setattr(Directory, "per_page", 3)
    expected = [Profile.objects.get(pk=pk).name for pk in plain_order("Fotografie")]
    shown = []
    for page in (1, 2):
        response = client.get("/mitglieder/", {"q": "Fotografie", "seite": page})
        assert response.context["total"] == len(expected) == 4
        shown += [profile.name for profile in response.context["page"].object_list]
    assert shown == expected
