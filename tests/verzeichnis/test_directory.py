import pytest
from django.db import connection

from mitglieder.models import Profile
from tests.factories import ProfileFactory, discipline, place
from tests.list_notices import notices

DIRECTORY = "/mitglieder/"


def names(response):
    return [profile.name for profile in response.context["page"].object_list]


def facet(response, parameter):
    return next(f for f in response.context["facets"] if f.parameter == parameter)


def test_the_directory_lists_published_profiles_only(client, directory_members):
    response = client.get(DIRECTORY)
    assert response.status_code == 200
    assert len(names(response)) == 5
    assert "Geheimes Fotostudio" not in response.content.decode()
    assert "5 Mitglieder gefunden" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"verband": "leipzig"}, ["Äpfel & Birnen Designbüro"]),
        # Görlitz lies in the catchment of Dresden, Plauen in that of Chemnitz.
        ({"verband": "dresden"}, ["Müller Fotografie", "Ostwind Games"]),
        ({"verband": "chemnitz"}, ["Baumann Architektur", "Kollektiv Zwischenraum"]),
        ({"kreis": "vogtlandkreis"}, ["Baumann Architektur"]),
        ({"ort": "goerlitz"}, ["Müller Fotografie"]),
        ({"teilmarkt": "designwirtschaft"}, ["Äpfel & Birnen Designbüro", "Müller Fotografie"]),
        ({"disziplin": "games"}, ["Ostwind Games"]),
        ({"art": "collective"}, ["Kollektiv Zwischenraum"]),
        ({"auftraege": "on"}, ["Kollektiv Zwischenraum", "Müller Fotografie"]),
        ({"kooperation": "on"}, ["Äpfel & Birnen Designbüro", "Kollektiv Zwischenraum"]),
        ({"verband": "chemnitz", "auftraege": "on"}, ["Kollektiv Zwischenraum"]),
        (
            {"teilmarkt": "designwirtschaft", "auftraege": "on", "verband": "dresden"},
            ["Müller Fotografie"],
        ),
        ({"teilmarkt": "designwirtschaft", "art": "collective"}, []),
    ],
)
def test_filters_narrow_the_list_and_combine(client, directory_members, query, expected):
    assert names(client.get(DIRECTORY, query)) == expected


def test_facets_count_the_current_result(client, directory_members):
    response = client.get(DIRECTORY)
    submarkets = {o.value: o.count for o in facet(response, "teilmarkt").options}
    assert submarkets["designwirtschaft"] == 2
    assert submarkets["software-games"] == 1
    # Options without a hit are not offered.
    assert "buchmarkt" not in submarkets
    assert "Designwirtschaft (2)" in response.content.decode()

    narrowed = client.get(DIRECTORY, {"verband": "leipzig"})
    submarkets = {o.value: o.count for o in facet(narrowed, "teilmarkt").options}
    assert submarkets == {"designwirtschaft": 1}
    kinds = {o.value: o.count for o in facet(narrowed, "art").options}
    assert kinds == {"company": 1}


def test_an_active_facet_keeps_its_alternatives_selectable(client, directory_members):
    response = client.get(DIRECTORY, {"verband": "leipzig"})
    options = facet(response, "verband").options
    assert [o.value for o in options] == ["chemnitz", "dresden", "leipzig"]
    assert [o.selected for o in options] == [False, False, True]


def test_active_filters_appear_as_removable_chips(client, directory_members):
    response = client.get(DIRECTORY, {"verband": "dresden", "art": "company", "seite": "1"})
    chips = {chip.label: chip.remove_url for chip in response.context["chips"]}
    assert chips == {
        "Branchenverband: Wir gestalten Dresden": "?art=company",
        "Art: Unternehmen": "?verband=dresden",
    }
    assert 'href="?art=company"' in response.content.decode()


def test_every_state_has_a_shareable_address(client, directory_members):
    response = client.get(DIRECTORY, {"teilmarkt": "designwirtschaft", "sortierung": "neu"})
    html = response.content.decode()
    assert '<form class="directory__filters filters" method="get"' in html
    assert '<option value="designwirtschaft" selected>' in html
    assert '<option value="neu" selected>' in html


def test_names_sort_in_german_dictionary_order(client, directory_members):
    ProfileFactory(name="Zander Ton", municipality=place("leipzig"))
    ProfileFactory(name="Strauß Grafik", municipality=place("leipzig"))
    ProfileFactory(name="Strasser Bau", municipality=place("leipzig"))
    ordered = names(client.get(DIRECTORY))
    # Ä sorts with A, ß with ss.
    assert ordered[0] == "Äpfel & Birnen Designbüro"
    assert ordered.index("Strasser Bau") < ordered.index("Strauß Grafik")
    assert ordered[-1] == "Zander Ton"


def test_newest_first_uses_the_publication_date(client, directory_members):
    from django.utils import timezone

    ProfileFactory(name="Ganz Neu", published_at=timezone.now() + timezone.timedelta(minutes=1))
    assert names(client.get(DIRECTORY, {"sortierung": "neu"}))[0] == "Ganz Neu"


def test_paging_is_stable_and_complete(client, reference_data):
    ProfileFactory.create_batch(50, name="Gleicher Name")
    seen = []
    for number in (1, 2, 3):
        seen += [p.pk for p in client.get(DIRECTORY, {"seite": number}).context["page"]]
    assert len(seen) == 50
    assert len(set(seen)) == 50


def test_pagination_links_keep_the_filters(client, reference_data):
    ProfileFactory.create_batch(30, open_for_commissions=True)
    html = client.get(DIRECTORY, {"auftraege": "on"}).content.decode()
    assert 'href="?auftraege=on&amp;seite=2"' in html


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("Müller", "Müller Fotografie"),
        ("muller", "Müller Fotografie"),
        ("MUELLER", "Müller Fotografie"),
        ("Strasse", "Kollektiv Zwischenraum"),
        ("straße nationen", "Kollektiv Zwischenraum"),
        ("Designerin", "Äpfel & Birnen Designbüro"),
        ("Lausitz", "Müller Fotografie"),
        ("Görlitz", "Müller Fotografie"),
        ("Plauen", "Baumann Architektur"),
        ("Produktdesign", "Äpfel & Birnen Designbüro"),
    ],
)
def test_search_is_case_and_umlaut_insensitive(client, directory_members, query, found):
    assert found in names(client.get(DIRECTORY, {"q": query}))


def test_search_finds_related_word_forms(client, reference_data):
    ProfileFactory(
        name="Lichtwerk",
        tagline="Ein Fotograf für Hochzeiten.",
        disciplines=[discipline("kommunikationsdesign")],
    )
    ProfileFactory(
        name="Atelier Grün",
        tagline="Zwei Designerinnen aus Meißen.",
        disciplines=[discipline("modedesign")],
    )
    assert names(client.get(DIRECTORY, {"q": "Fotografie"})) == ["Lichtwerk"]
    # Every design discipline's members are designers (compounds of "Design" match it).
    assert names(client.get(DIRECTORY, {"q": "Designerin"})) == ["Atelier Grün", "Lichtwerk"]


def test_search_combines_words_and_filters(client, directory_members):
    assert names(client.get(DIRECTORY, {"q": "Fotografie Görlitz"})) == ["Müller Fotografie"]
    assert names(client.get(DIRECTORY, {"q": "Fotografie", "verband": "leipzig"})) == []


def test_search_ranks_name_matches_first(client, reference_data):
    ProfileFactory(name="Atelier Nord", tagline="Wir arbeiten oft mit Holz.")
    ProfileFactory(name="Holzwerkstatt Süd", tagline="Möbel und Objekte.")
    response = client.get(DIRECTORY, {"q": "Holz"})
    assert names(response)[0] == "Holzwerkstatt Süd"
    assert '<option value="relevanz" selected>' in response.content.decode()


def test_a_renamed_discipline_is_found_under_its_new_name(
    client, directory_members, django_capture_on_commit_callbacks
):
    games = discipline("games")
    games.name = "Spieleentwicklung"
    with django_capture_on_commit_callbacks(execute=True):
        games.save()
    assert names(client.get(DIRECTORY, {"q": "Spieleentwicklung"})) == ["Ostwind Games"]


def test_an_empty_result_explains_what_to_do(client, directory_members):
    html = client.get(DIRECTORY, {"q": "Unterwasserballett"}).content.decode()
    assert "0 Mitglieder gefunden" in html
    assert "Kein Mitglied passt zu dieser Suche." in html
    assert 'href="/mitglieder/"' in html


@pytest.mark.parametrize(
    "query_string",
    [
        "seite=abc",
        "seite=99999",
        "seite=-3",
        "q=" + "x" * 10_000,
        "q=%27%20OR%201%3D1%20--",
        "q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "q=%00",
        "q=%ff%fe%fd",
        "verband=%ff",
        "verband=berlin",
        "kreis=atlantis&ort=nirgendwo",
        "teilmarkt=alchemie&disziplin=%00",
        "art=robot",
        "art=person&art=company",
        "verband=leipzig&verband=dresden",
        "auftraege=maybe",
        "sortierung=DROP%20TABLE",
        "sortierung=relevanz",
        "q[]=1&seite[]=2",
        "q=%E2%80%AE%F0%9F%98%80",
    ],
)
def test_garbage_in_the_query_string_still_gives_a_page(client, directory_members, query_string):
    response = client.get(f"{DIRECTORY}?{query_string}")
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_an_unknown_slug_is_ignored_with_a_notice(client, directory_members):
    response = client.get(DIRECTORY, {"verband": "berlin"})
    assert len(names(response)) == 5
    [notice] = notices(response)
    assert "berlin" in notice and "Branchenverband" in notice
    assert response.context["chips"] == []


def test_the_other_filters_still_apply_next_to_ignored_ones(client, directory_members):
    response = client.get(
        DIRECTORY, {"kreis": "atlantis", "art": "collective", "sortierung": "DROP TABLE"}
    )
    assert names(response) == ["Kollektiv Zwischenraum"]
    ignored = notices(response)
    assert len(ignored) == 2
    assert "atlantis" in ignored[0] and "Kreis" in ignored[0]
    assert "DROP TABLE" in ignored[1] and "Sortierung" in ignored[1]
    # Links keep what was understood and nothing else.
    assert [chip.remove_url for chip in response.context["chips"]] == ["?"]


def test_an_overlong_search_is_ignored_with_a_notice(client, directory_members):
    response = client.get(DIRECTORY, {"q": "Fotografie " * 30})
    assert len(names(response)) == 5
    [notice] = notices(response)
    assert "Fotografie Fotografie" in notice and "Suche" in notice
    assert 'name="q" value=""' in response.content.decode()


def test_a_deep_page_number_shows_the_last_page(client, reference_data):
    ProfileFactory.create_batch(30)
    response = client.get(DIRECTORY, {"seite": "99999"})
    assert response.context["page"].number == 2
    assert notices(response) == ["Eine Seite 99999 gibt es nicht. Dies ist Seite 2, die letzte."]


def test_a_page_number_that_is_no_number_shows_the_first_page(client, reference_data):
    ProfileFactory.create_batch(30)
    response = client.get(DIRECTORY, {"seite": "zwei"})
    assert response.context["page"].number == 1
    assert notices(response) == ["„zwei“ ist keine Seitenzahl. Dies ist die erste Seite."]


def test_entry_pages_ignore_bad_values_the_same_way(client, directory_members):
    submarket = client.get("/teilmaerkte/designwirtschaft/", {"art": "robot", "seite": "x"})
    assert names(submarket) == ["Äpfel & Birnen Designbüro", "Müller Fotografie"]
    ignored = notices(submarket)
    assert "robot" in ignored[0] and "Art" in ignored[0]
    assert ignored[1] == "„x“ ist keine Seitenzahl. Dies ist die erste Seite."
    association = client.get("/verbaende/dresden/", {"ort": "nirgendwo"})
    assert names(association) == ["Müller Fotografie", "Ostwind Games"]
    assert "nirgendwo" in notices(association)[0]


@pytest.mark.parametrize("count", [5, 60])
def test_the_directory_needs_a_constant_number_of_queries(
    client, reference_data, django_assert_max_num_queries, count
):
    ProfileFactory.create_batch(count, disciplines=[discipline("games"), discipline("tanz")])
    for query in ({}, {"q": "Atelier", "verband": "chemnitz", "teilmarkt": "software-games"}):
        with django_assert_max_num_queries(8):
            client.get(DIRECTORY, {**query, "seite": 2})


# The counts follow a change once it commits (verzeichnis.counters), as a request's save
# does at once; these tests commit where the request would.


def test_hidden_profiles_leave_the_directory_and_its_counts_at_once(
    client, directory_members, django_capture_on_commit_callbacks
):
    assert "5 Mitglieder gefunden" in client.get(DIRECTORY).content.decode()
    profile = directory_members["ostwind"]
    profile.status = Profile.Status.HIDDEN
    with django_capture_on_commit_callbacks(execute=True):
        profile.save()
    response = client.get(DIRECTORY)
    assert "Ostwind Games" not in names(response)
    assert "4 Mitglieder gefunden" in response.content.decode()
    assert "software-games" not in [o.value for o in facet(response, "teilmarkt").options]


def test_counts_follow_a_changed_discipline_at_once(
    client, directory_members, django_capture_on_commit_callbacks
):
    client.get(DIRECTORY)
    with django_capture_on_commit_callbacks(execute=True):
        directory_members["bauer"].disciplines.add(discipline("games"))
    response = client.get(DIRECTORY, {"teilmarkt": "software-games"})
    assert response.context["total"] == 2


def test_repeated_requests_reuse_the_cached_counts(
    client, directory_members, django_assert_max_num_queries
):
    client.get(DIRECTORY, {"verband": "dresden"})
    # Only the page and its disciplines remain to be queried.
    with django_assert_max_num_queries(2):
        client.get(DIRECTORY, {"verband": "dresden", "seite": "1"})


def test_a_submarket_page_shows_its_members_through_the_directory(client, directory_members):
    response = client.get("/teilmaerkte/designwirtschaft/", {"art": "person"})
    assert names(response) == ["Müller Fotografie"]
    # The submarket itself is fixed by the address, so it is no filter to choose or remove.
    assert "teilmarkt" not in [f.parameter for f in response.context["facets"]]


def test_an_association_page_shows_its_members_through_the_directory(client, directory_members):
    response = client.get("/verbaende/dresden/")
    assert names(response) == ["Müller Fotografie", "Ostwind Games"]
    assert response.context["member_count"] == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text index is PostgreSQL's")
def test_postgresql_search_can_use_the_full_text_index(reference_data):
    ProfileFactory.create_batch(3)
    with connection.cursor() as cursor:
        # With a handful of rows the planner would rightly scan; forbid that to see the index.
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = Profile.objects.search("Atelier Müller").explain()
    assert "mitglieder_profile_search_vector_gin" in plan


def test_a_profile_kept_out_of_the_directory_keeps_its_page(
    client, directory_members, django_capture_on_commit_callbacks
):
    profile = directory_members["ostwind"]
    profile.listed_in_directory = False
    with django_capture_on_commit_callbacks(execute=True):
        profile.save()
    response = client.get(DIRECTORY)
    assert "Ostwind Games" not in names(response)
    assert "4 Mitglieder gefunden" in response.content.decode()
    assert "Ostwind Games" not in client.get("/sitemap.xml").content.decode()
    assert client.get(f"/mitglieder/{profile.slug}/").status_code == 200
