"""A search's counts on PostgreSQL are kept across profile changes and caught up with them
(verzeichnis.directory.Directory._search_counts): after every kind of change, the counts a
visitor sees must equal a fresh count of the matching profiles, and must have been found
without counting every match again.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mitglieder.models import Profile
from tests.factories import ProfileFactory, discipline, place
from tests.verzeichnis.test_facet_counters import members as members  # a fixture
from tests.verzeichnis.test_facet_counters import recount, shown, shown_counts
from verzeichnis import counters
from verzeichnis.counters import rebuild_counts
from verzeichnis.models import CountedChange

pytestmark = pytest.mark.django_db

# A search with each filter the counted rows are tested by when catching up.
SEARCHES = [
    {"q": "Fotografie"},
    {"q": "Studio"},
    {"q": "Studio", "ort": "leipzig"},
    {"q": "Fotografie", "verband": "dresden"},
    {"q": "Fotografie", "verband": "landesverband"},
    {"q": "Fotografie", "kreis": "erzgebirgskreis"},
    {"q": "Fotografie", "teilmarkt": "designwirtschaft"},
    {"q": "Design", "disziplin": "produktdesign"},
    {"q": "Fotografie", "art": "person", "auftraege": "on"},
    {"q": "Studio", "kooperation": "on"},
    {"q": "und die"},  # no word to match: every profile, counted as a search
]


@pytest.fixture(autouse=True)
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite counts searches from the profiles, afresh")


def counts_seen(params):
    """The counts a visitor of `params` sees, and whether all matches were counted for it."""
    directory = shown_counts(params)
    with CaptureQueriesContext(connection) as captured:
        counts = directory.counts()
    counted_all = any("GROUPING SETS" in query["sql"] for query in captured.captured_queries)
    return directory, counts, counted_all


def assert_caught_up(*, counted_afresh=False):
    for params in SEARCHES:
        directory, counts, counted_all = counts_seen(params)
        assert shown(directory, counts) == shown(directory, recount(directory)), params
        assert counted_all == counted_afresh, params


def test_search_counts_catch_up_with_every_kind_of_change(
    members, django_capture_on_commit_callbacks
):
    lichtwerk, erzton, formfabrik, kollektiv, draft = members
    for params in SEARCHES:
        assert counts_seen(params)[2]  # the first visitor counts every match

    def commit(change):
        with django_capture_on_commit_callbacks(execute=True):
            change()
        assert_caught_up()

    assert_caught_up()  # nothing changed: the counts are read as they were kept
    draft.status = Profile.Status.PUBLISHED
    commit(draft.save)
    lichtwerk.status = Profile.Status.HIDDEN
    commit(lichtwerk.save)
    kollektiv.listed_in_directory = False
    commit(kollektiv.save)
    formfabrik.municipality = place("annaberg-buchholz")
    formfabrik.kind = Profile.Kind.PERSON
    formfabrik.open_for_commissions = True
    commit(formfabrik.save)
    formfabrik.name = "Formfabrik Studio"  # now found by "Studio"
    commit(formfabrik.save)
    erzton.tagline = "Aufnahmen und Mischung"
    erzton.name = "Erzton"  # no longer found by "Studio"
    commit(erzton.save)
    commit(lambda: erzton.disciplines.remove(discipline("fotografie")))
    commit(lambda: formfabrik.disciplines.add(discipline("fotografie")))
    commit(lambda: draft.disciplines.set([discipline("tonstudio-produktion")]))
    commit(
        lambda: ProfileFactory(
            name="Neues Fotostudio",
            municipality=place("dresden"),
            disciplines=[discipline("fotografie"), discipline("produktdesign")],
        )
    )
    commit(erzton.delete)

    # Several changes between two visits are caught up with together.
    with django_capture_on_commit_callbacks(execute=True):
        draft.delete()
    with django_capture_on_commit_callbacks(execute=True):
        formfabrik.disciplines.set([discipline("kommunikationsdesign")])
    assert_caught_up()


def test_counts_older_than_the_changes_kept_are_counted_afresh(
    members, monkeypatch, django_capture_on_commit_callbacks
):
    lichtwerk, erzton, formfabrik, *_ = members
    for params in SEARCHES:
        counts_seen(params)
    monkeypatch.setattr(counters, "CHANGES_KEPT", 2)
    for profile in (lichtwerk, erzton, formfabrik):
        profile.open_for_commissions = not profile.open_for_commissions
        with django_capture_on_commit_callbacks(execute=True):
            profile.save()
    # Three changes since the counts, two kept: the counts cannot catch up, so they count
    # afresh (and right); after that they catch up again.
    assert_caught_up(counted_afresh=True)
    lichtwerk.kind = Profile.Kind.COMPANY
    with django_capture_on_commit_callbacks(execute=True):
        lichtwerk.save()
    assert_caught_up()


def test_changes_are_kept_an_hour_and_older_counts_count_afresh(
    members, django_capture_on_commit_callbacks
):
    lichtwerk, erzton, *_ = members
    for params in SEARCHES:
        counts_seen(params)
    # The changes kept hold the words of profiles, perhaps deleted since: after an hour the
    # next change takes them away.
    CountedChange.objects.update(noted_at=timezone.now() - timedelta(hours=2))
    deleted = erzton.pk
    with django_capture_on_commit_callbacks(execute=True):
        erzton.delete()
    assert list(CountedChange.objects.values_list("profile_id", flat=True)) == [deleted]
    assert_caught_up(counted_afresh=True)
    lichtwerk.seeks_cooperation = True
    with django_capture_on_commit_callbacks(execute=True):
        lichtwerk.save()
    assert_caught_up()


def test_a_rebuild_of_the_counters_makes_searches_count_afresh(members):
    for params in SEARCHES:
        counts_seen(params)
    # A rebuild repairs counted rows that writes bypassed: no kept count may survive it.
    Profile.objects.filter(pk=members[0].pk).update(open_for_commissions=False)
    rebuild_counts()
    assert not CountedChange.objects.exists()  # of no use to the counts kept before
    assert_caught_up(counted_afresh=True)


def test_catching_up_reads_only_the_changed_rows(
    client, members, django_capture_on_commit_callbacks
):
    client.get("/mitglieder/", {"q": "Fotografie"})
    members[1].open_for_commissions = True
    with django_capture_on_commit_callbacks(execute=True):
        members[1].save()
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/mitglieder/", {"q": "Fotografie"})
    statements = [query["sql"] for query in captured.captured_queries]
    # One query for the changes since, none over all the matches.
    assert sum("verzeichnis_countedchange" in sql for sql in statements) == 1
    assert not any("GROUPING SETS" in sql for sql in statements)
    assert response.context["total"] == 2
    assert [flag.count for flag in response.context["flags"]] == [2, 1]
