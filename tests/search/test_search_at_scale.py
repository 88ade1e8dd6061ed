"""Search at 200 000 profiles: the count vector PostgreSQL counts a search by finds exactly
the profiles the search finds (verzeichnis counts), and search pages stay in order."""

import pytest
from django.db import connection

from mitglieder.models import Profile
from mitglieder.search import count_condition, uses_postgres_search
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
    column = connection.ops.quote_name(CountedProfile._meta.db_table) + '."search_vector"'
    condition = count_condition(query, load_vocabulary().search_items, column)
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
