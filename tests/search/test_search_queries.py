"""What a visitor's query gets: small words, operators and scripts, edited search terms."""

import pytest
from django.db import connection

from kern.search import compound_parts, index_tokens, query_words, stem
from mitglieder.indexing import fts_row, search_tokens, tsvector_literal
from mitglieder.models import Profile
from teilmaerkte.models import Submarket
from tests.factories import ProfileFactory, discipline, place
from tests.list_notices import notices

DIRECTORY = "/mitglieder/"


def names(response):
    return [profile.name for profile in response.context["page"].object_list]


@pytest.fixture
def two_profiles(reference_data):
    return [
        ProfileFactory(
            name="Studio Kapitälchen",
            tagline="Typografie und Ausstellungsgestaltung für Museen.",
            municipality=place("leipzig"),
        ),
        ProfileFactory(
            name="Jana Müller",
            tagline="Porträts und Reportagen aus der Lausitz.",
            municipality=place("goerlitz"),
            disciplines=[discipline("fotografie")],
        ),
    ]


def test_small_words_do_not_make_a_query_fail(client, two_profiles):
    response = client.get(DIRECTORY, {"q": "Typografie und Ausstellungsgestaltung"})
    assert names(response) == ["Studio Kapitälchen"]
    assert notices(response) == []


def test_a_query_of_only_small_words_shows_everyone_with_a_notice(client, two_profiles):
    response = client.get("/en/mitglieder/", {"q": "und der die in"})
    assert sorted(names(response)) == ["Jana Müller", "Studio Kapitälchen"]
    [notice] = notices(response)
    assert "“und der die in” has only very short or very common words" in notice


def test_a_job_title_finds_the_discipline(client, two_profiles):
    assert names(client.get(DIRECTORY, {"q": "Fotografin"})) == ["Jana Müller"]
    assert names(client.get("/en/mitglieder/", {"q": "photographer"})) == ["Jana Müller"]


@pytest.mark.parametrize(
    "query",
    [
        "Foto & Müller",
        "Foto | !Müller",
        "foto:* & !design",
        "'Foto' \"Müller\" (Lausitz)",
        "Foto <-> Müller",
        "\\x00 ; DROP TABLE mitglieder_profile; --",
        "写真 фотограф تصوير",
        "Ünïcödé ẞtraße Œuvre",
        "a " * 100,
        "Lausitz" + "x" * 190,
        "%_%_%",
    ],
)
def test_operators_and_any_script_answer_with_a_page(client, two_profiles, query):
    response = client.get(DIRECTORY, {"q": query})
    assert response.status_code == 200
    # The query language sees tokens only: searching directly raises nothing either.
    list(Profile.objects.listed().search(query))


def test_operators_are_words_not_syntax(client, two_profiles):
    assert names(client.get(DIRECTORY, {"q": "Lausitz & | ! :*"})) == ["Jana Müller"]
    assert names(client.get(DIRECTORY, {"q": "%_%_% Lausitz"})) == ["Jana Müller"]


def test_edited_search_terms_find_the_discipline_after_the_commit(
    client, two_profiles, django_capture_on_commit_callbacks
):
    photography = discipline("fotografie")
    assert names(client.get(DIRECTORY, {"q": "Fotostudio"})) == ["Jana Müller"]
    photography.search_terms = "Lichtbildnerin"
    with django_capture_on_commit_callbacks(execute=True):
        photography.save()
    assert names(client.get(DIRECTORY, {"q": "Lichtbildnerin"})) == ["Jana Müller"]
    # The old terms are gone with the edit.
    assert names(client.get(DIRECTORY, {"q": "Fotostudio"})) == []


def test_edited_submarket_terms_find_its_members_after_the_commit(
    client, two_profiles, django_capture_on_commit_callbacks
):
    design = Submarket.objects.get(slug="designwirtschaft")
    design.search_terms = "Gestaltungsbranche"
    with django_capture_on_commit_callbacks(execute=True):
        design.save()
    assert sorted(names(client.get(DIRECTORY, {"q": "Gestaltungsbranche"}))) == [
        "Jana Müller",
        "Studio Kapitälchen",
    ]


def test_staff_edit_search_terms_in_the_admin(client_for, superuser):
    client = client_for(superuser)
    html = client.get(f"/admin/sparten/discipline/{discipline('illustration').pk}/change/")
    assert 'name="search_terms"' in html.content.decode()
    assert "Illustratorin" in html.content.decode()


def test_word_forms_meet_in_one_token():
    assert {stem(w) for w in ("fotografin", "fotografen", "fotografie", "fotograf")} == {"fotograf"}
    assert stem("designerinnen") == stem("designer") == "design"
    assert stem("architektin") == stem("architekt")


def test_compounds_of_known_parts_are_split_and_places_are_not():
    assert compound_parts("grafikdesignerin") == ("grafik", "designerin")
    assert compound_parts("produktfotografie") == ("produkt", "fotografie")
    assert compound_parts("musiklabel") == ("musik", "label")
    assert compound_parts("kommode") == ()
    assert "holz" in index_tokens("Buchholz")
    assert "holz" not in index_tokens("Annaberg-Buchholz", split_compounds=False)
    [word] = query_words("Grafikdesign")
    assert word.parts == ("grafik", "design")


def test_stopwords_and_short_words_are_not_searched():
    assert [w.word for w in query_words("Die Fotografin in der Lausitz und the UX")] == [
        "fotografin",
        "lausitz",
    ]


def test_both_backends_store_the_same_tokens():
    tokens = search_tokens(
        {"a": [("Jana Müller", True)], "c": [("Fotografin & Grafikdesignerin", True)]}
    )
    stored = fts_row(tokens)
    vector = tsvector_literal(tokens).split()
    assert " ".join(stored).split() == [entry.split(":")[0].strip("'") for entry in vector]
    assert stored == ("jana mull", "", "fotograf grafikdesign grafik design", "")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text index is PostgreSQL's")
def test_postgresql_search_with_parts_can_use_the_full_text_index(reference_data):
    ProfileFactory.create_batch(3)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = Profile.objects.search("Grafikdesignerin aus Leipzig").explain()
    assert "mitglieder_profile_search_vector_gin" in plan


def test_a_search_term_staff_add_splits_compounds_of_it(
    client, reference_data, django_capture_on_commit_callbacks
):
    ProfileFactory(
        name="Werkstatt Scherbe",
        tagline="Keramik und Design für den Alltag.",
        municipality=place("meissen"),
    )
    crafts = discipline("schmuck-kunsthandwerk")
    crafts.search_terms = "Goldschmiedin, Töpferin"
    with django_capture_on_commit_callbacks(execute=True):
        crafts.save()
    # "Keramik" is no known part: the compound is one word that no profile holds.
    assert names(client.get(DIRECTORY, {"q": "Keramikdesign"})) == []

    crafts.search_terms = "Goldschmiedin, Töpferin, Keramik"
    with django_capture_on_commit_callbacks(execute=True):
        crafts.save()
    assert names(client.get(DIRECTORY, {"q": "Keramikdesign"})) == ["Werkstatt Scherbe"]
    assert names(client.get(DIRECTORY, {"q": "Keramikdesigner"})) == ["Werkstatt Scherbe"]


def test_a_name_that_is_the_query_with_its_small_words_ranks_first(client, reference_data):
    complete = {"description": "Ausstellungen und Kurse.", "website": "https://haus.example"}
    for name, extra in [
        ("Fotografie im Haus Müller", complete),
        ("Haus der Fotografie", {}),
        ("Die Fotografie", {}),
        ("Fotografie Nord", complete),
    ]:
        ProfileFactory(name=name, municipality=place("leipzig"), **extra)
    # Both words are in every name; the small word "der" decides, as typed in any case.
    for query in ["Haus der Fotografie", "haus  der FOTOGRAFIE"]:
        assert names(client.get(DIRECTORY, {"q": query})) == [
            "Haus der Fotografie",
            "Fotografie im Haus Müller",
        ]
    # One word and a stopword.
    assert names(client.get(DIRECTORY, {"q": "Die Fotografie"}))[0] == "Die Fotografie"
    assert names(client.get(DIRECTORY, {"q": "Fotografie"}))[0] != "Die Fotografie"
