"""The directory's counts come from counters the write path keeps (verzeichnis.counters).

Every change is made the way a request makes it: the save commits, and the work after the
commit runs (`django_capture_on_commit_callbacks(execute=True)`). After each one, the counts
a visitor sees for many filter states must equal a fresh count of the matching profiles.
"""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.datastructures import MultiValueDict

from mitglieder.models import Profile
from teilmaerkte.models import Submarket
from tests.factories import ProfileFactory, discipline, place
from verzeichnis.counters import rebuild_counts
from verzeichnis.directory import Directory
from verzeichnis.models import CountedProfile, FacetCount

pytestmark = pytest.mark.django_db

DIRECTORY = "/mitglieder/"
TALLY = ("kind", "open_for_commissions", "seeks_cooperation", "association_id", "municipality_id")
STATES = [
    {},
    {"q": "Fotografie"},
    {"q": "Studio", "ort": "leipzig"},
    {"teilmarkt": "designwirtschaft", "disziplin": "fotografie"},
    {"verband": "dresden"},
    {"verband": "landesverband"},
    {"kreis": "erzgebirgskreis"},
    {"ort": "leipzig"},
    {"teilmarkt": "designwirtschaft"},
    {"disziplin": "fotografie"},
    {"art": "person"},
    {"auftraege": "on"},
    {"kooperation": "on"},
    {"verband": "leipzig", "teilmarkt": "designwirtschaft", "art": "company"},
    {"ort": "dresden", "disziplin": "fotografie", "auftraege": "on"},
    {"kreis": "erzgebirgskreis", "teilmarkt": "musikwirtschaft", "kooperation": "on"},
]


def shown_counts(params, fixed=None):
    return Directory(MultiValueDict({k: [v] for k, v in params.items()}), fixed=fixed)


def shown(directory, counts):
    """The counts the page shows: an active facet lists its options without counts."""
    hidden = {"teilmarkt": "submarkets", "disziplin": "disciplines"}
    return {
        name: {key: n for key, n in values.items() if n}
        for name, values in counts.items()
        if name not in {hidden.get(parameter) for parameter in directory.values}
    }


def recount(directory):
    """Count the matching profiles themselves, as the directory did before it had counters."""
    matching = directory.queryset.order_by()
    totals, associations, places = Counter(), Counter(), Counter()
    for row in matching.values(*TALLY):
        totals["total"] += 1
        totals[row["kind"]] += 1
        totals["auftraege"] += row["open_for_commissions"]
        totals["kooperation"] += row["seeks_cooperation"]
        associations[row["association_id"]] += 1
        places[row["municipality_id"]] += 1
    links = Profile.disciplines.through.objects.filter(profile_id__in=matching.values("pk"))
    submarkets = {(pk, s) for pk, s in links.values_list("profile_id", "discipline__submarket")}
    return {
        "totals": totals,
        "associations": associations,
        "places": places,
        "disciplines": Counter(links.values_list("discipline_id", flat=True)),
        "submarkets": Counter(submarket for _pk, submarket in submarkets),
    }


def assert_counts_are_exact():
    pages = [shown_counts(params) for params in STATES]
    pages.append(shown_counts({}, fixed={"teilmarkt": "musikwirtschaft"}))
    for directory in pages:
        assert shown(directory, directory._count()) == shown(directory, recount(directory)), (
            directory.values
        )


def option_counts(response, parameter):
    facet = next(f for f in response.context["facets"] if f.parameter == parameter)
    return {option.value: option.count for option in facet.options}


@pytest.fixture
def members(reference_data):
    return [
        ProfileFactory(
            name="Lichtwerk Fotografie",
            kind=Profile.Kind.PERSON,
            municipality=place("dresden"),
            disciplines=[discipline("fotografie")],
            open_for_commissions=True,
        ),
        ProfileFactory(
            name="Erzton Studio",
            municipality=place("annaberg-buchholz"),
            disciplines=[discipline("tonstudio-produktion"), discipline("fotografie")],
            seeks_cooperation=True,
        ),
        ProfileFactory(
            name="Formfabrik",
            municipality=place("leipzig"),
            disciplines=[discipline("kommunikationsdesign"), discipline("produktdesign")],
        ),
        ProfileFactory(
            name="Kollektiv Nord",
            kind=Profile.Kind.COLLECTIVE,
            municipality=place("leipzig"),
            disciplines=[discipline("kommunikationsdesign")],
            open_for_commissions=True,
            seeks_cooperation=True,
        ),
        ProfileFactory(
            name="Entwurf in Arbeit",
            municipality=place("dresden"),
            status=Profile.Status.DRAFT,
            published_at=None,
            disciplines=[discipline("fotografie"), discipline("produktdesign")],
        ),
    ]


def test_counts_shown_follow_every_kind_of_change(
    client, members, django_capture_on_commit_callbacks
):
    lichtwerk, erzton, formfabrik, kollektiv, draft = members
    assert_counts_are_exact()
    response = client.get(DIRECTORY)
    assert response.context["total"] == 4
    assert option_counts(response, "disziplin")["fotografie"] == 2

    def commit(change):
        with django_capture_on_commit_callbacks(execute=True):
            change()
        assert_counts_are_exact()

    # Published: counted. Hidden: gone. Kept out of the directory: gone.
    draft.status = Profile.Status.PUBLISHED
    commit(draft.save)
    assert option_counts(client.get(DIRECTORY), "disziplin")["fotografie"] == 3
    lichtwerk.status = Profile.Status.HIDDEN
    commit(lichtwerk.save)
    kollektiv.listed_in_directory = False
    commit(kollektiv.save)
    # Edits of place, kind and flags move the profile between cells.
    formfabrik.municipality = place("chemnitz")
    formfabrik.kind = Profile.Kind.PERSON
    formfabrik.open_for_commissions = True
    commit(formfabrik.save)
    # Disciplines added, removed and replaced.
    commit(lambda: erzton.disciplines.remove(discipline("fotografie")))
    commit(lambda: formfabrik.disciplines.add(discipline("fotografie")))
    commit(lambda: draft.disciplines.set([discipline("tonstudio-produktion")]))
    # A discipline moved to another submarket moves its profiles' submarket counts.
    moved = discipline("produktdesign")
    moved.submarket = Submarket.objects.get(slug="musikwirtschaft")
    commit(moved.save)
    # Deleted: gone.
    commit(erzton.delete)

    response = client.get(DIRECTORY)
    assert response.context["total"] == 2
    assert option_counts(response, "disziplin") == {
        "fotografie": 1,
        "kommunikationsdesign": 1,
        "produktdesign": 1,
        "tonstudio-produktion": 1,
    }
    assert option_counts(response, "ort") == {"chemnitz": 1, "dresden": 1}
    # Counters kept by the changes equal counters built afresh.
    kept = set(FacetCount.objects.filter(n__gt=0).values_list("within", "facet", "value", "n"))
    kept_rows = list(CountedProfile.objects.order_by("pk").values())
    rebuild_counts()
    assert kept == set(FacetCount.objects.values_list("within", "facet", "value", "n"))
    # And so do the counted rows, search columns included (copied on PostgreSQL).
    assert kept_rows == list(CountedProfile.objects.order_by("pk").values())


def test_a_rebuild_writes_the_counted_rows_grouped_as_searches_read_them(members):
    # A search reads the rows of its matches, mostly the profiles of some disciplines
    # within an association and kind: grouped so, they lie on few pages.
    if connection.vendor != "postgresql":
        pytest.skip("SQLite searches the profiles, not the counted rows")
    rebuild_counts()
    with connection.cursor() as cursor:
        cursor.execute("SELECT profile_id FROM verzeichnis_countedprofile ORDER BY ctid")
        stored = [profile_id for (profile_id,) in cursor.fetchall()]
    rows = CountedProfile.objects.values_list(
        "association_id", "kind", "discipline_ids", "profile_id"
    )
    assert stored == [profile_id for *_, profile_id in sorted(rows)]
    assert stored != sorted(stored)  # not merely the order the profiles were made in


def test_counts_without_a_search_read_no_profile_rows(members):
    # The point of the counters: however many profiles there are, a count reads only the
    # few cells of its state, never the profiles (nor their disciplines).
    for params in STATES:
        if "q" in params or {"teilmarkt", "disziplin"} <= params.keys():
            continue  # counted from the matching profiles
        with CaptureQueriesContext(connection) as captured:
            shown_counts(params)._count()
        sql = " ".join(query["sql"] for query in captured.captured_queries)
        assert "mitglieder_profile" not in sql, params


@pytest.mark.parametrize("query", [{}, {"verband": "leipzig", "teilmarkt": "designwirtschaft"}])
def test_the_directory_needs_the_same_queries_for_few_and_many_profiles(
    client, reference_data, django_assert_num_queries, query
):
    def queries_for_a_fresh_page():
        with CaptureQueriesContext(connection) as captured:
            client.get(DIRECTORY, {**query, "seite": 1})
        return len(captured.captured_queries)

    ProfileFactory.create_batch(3, municipality=place("leipzig"))
    client.get(DIRECTORY)  # loads the vocabulary, which stays cached
    ProfileFactory(municipality=place("leipzig"))
    few = queries_for_a_fresh_page()
    ProfileFactory.create_batch(40, municipality=place("leipzig"))
    # New profiles bumped the version: the page counts afresh, with as many queries.
    with django_assert_num_queries(few):
        client.get(DIRECTORY, {**query, "seite": 1})


def test_the_rebuild_command_repairs_counters_that_writes_bypassed(client, members):
    # A write past the reindex (raw SQL, a restored table) leaves the counters behind.
    Profile.objects.filter(pk=members[0].pk).update(status=Profile.Status.HIDDEN)
    FacetCount.objects.all().delete()
    call_command("rebuild_directory_counts", stdout=StringIO())
    assert client.get(DIRECTORY).context["total"] == 3
    assert_counts_are_exact()
