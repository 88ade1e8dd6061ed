"""GET /mitglieder/vorschlaege/?q=: suggestions while typing, as JSON."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ProfileFactory, place
from verzeichnis.vocabulary import load_vocabulary

SUGGESTIONS = "/mitglieder/vorschlaege/"


def suggestions(client, query, path=SUGGESTIONS):
    response = client.get(path, {"q": query})
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


def labels(data, kind):
    for group in data["groups"]:
        if group["kind"] == kind:
            return [item["label"] for item in group["items"]]
    return []


def urls(data, kind):
    for group in data["groups"]:
        if group["kind"] == kind:
            return [item["url"] for item in group["items"]]
    return []


def test_a_discipline_is_suggested_by_the_start_of_any_word_and_links_to_the_filter(
    client, reference_data
):
    data = suggestions(client, "illu")
    assert labels(data, "disciplines") == ["Illustration"]
    assert urls(data, "disciplines") == ["/mitglieder/?disziplin=illustration"]


def test_a_teilmarkt_links_to_its_filter(client, reference_data):
    data = suggestions(client, "designw")
    assert urls(data, "disciplines") == ["/mitglieder/?teilmarkt=designwirtschaft"]


def test_places_are_found_with_or_without_umlauts(client, reference_data):
    for typed in ("Gör", "gor", "Goer"):
        data = suggestions(client, typed)
        assert "Görlitz" in labels(data, "places"), typed
        assert "/mitglieder/?ort=goerlitz" in urls(data, "places")


def test_members_are_found_by_the_start_of_their_name_and_link_to_their_profile(
    client, directory_members
):
    data = suggestions(client, "mull")
    assert labels(data, "members") == ["Müller Fotografie"]
    assert urls(data, "members") == [directory_members["mueller"].get_absolute_url()]


def test_drafts_and_unlisted_profiles_are_never_suggested(client, directory_members):
    ProfileFactory(name="Geheimnisvoll Verborgen", listed_in_directory=False)
    assert labels(suggestions(client, "geheim"), "members") == []


def test_english_pages_get_english_names_and_english_addresses(client, reference_data):
    data = suggestions(client, "photo", path="/en" + SUGGESTIONS)
    assert "Photography" in labels(data, "disciplines")
    assert all(url.startswith("/en/mitglieder/") for url in urls(data, "disciplines"))


def test_at_most_eight_suggestions_and_each_group_gets_a_share(client, reference_data):
    for number in range(12):
        ProfileFactory(name=f"Leipziger Atelier {number:02}", municipality=place("leipzig"))
    data = suggestions(client, "lei")
    assert data["count"] == 8
    assert sum(len(group["items"]) for group in data["groups"]) == 8
    assert labels(data, "places")[0] == "Leipzig"
    assert len(labels(data, "members")) >= 3
    assert labels(data, "members") == sorted(labels(data, "members"))


@pytest.mark.parametrize("query", ["", "a", " b "])
def test_fewer_than_two_letters_suggest_nothing(client, directory_members, query):
    assert suggestions(client, query)["groups"] == []


def test_the_answer_may_be_kept_by_browsers_and_the_page_cache(client, directory_members, settings):
    settings.PAGE_CACHE_SECONDS = 600
    first = client.get(SUGGESTIONS, {"q": "mull"})
    assert "public" in first["Cache-Control"] and "max-age=60" in first["Cache-Control"]
    second = client.get(SUGGESTIONS, {"q": "mull"})
    assert second["X-Page-Cache"] == "hit"
    assert second.json() == first.json()
    assert "max-age=60" in second["Cache-Control"]


def test_a_new_member_is_suggested_on_the_next_request(client, directory_members):
    assert labels(suggestions(client, "zebra"), "members") == []
    ProfileFactory(name="Zebra Studio")
    assert labels(suggestions(client, "zebra"), "members") == ["Zebra Studio"]


def test_queries_do_not_grow_with_the_number_of_matches(client, reference_data):
    for number in range(3):
        ProfileFactory(name=f"Kranich {number}")
    with CaptureQueriesContext(connection) as few:
        suggestions(client, "kranich")
    for number in range(3, 20):
        ProfileFactory(name=f"Kranich {number}")
    client.get(SUGGESTIONS, {"q": "x"})  # the vocabulary is loaded again after the saves
    with CaptureQueriesContext(connection) as many:
        suggestions(client, "kranic")
    assert len(many) <= len(few)


@pytest.mark.parametrize(
    "query",
    [
        "x" * 81,
        "a" * 10_000,
        "Mül\x00ler",
        "Mül\tler",
        "foto | bild",
        "foto:*",
        "!foto",
        '"Müller"',
        "(foto)",
        "foto;drop",
        "<script>",
        "Mül\ufffdler",
        "Mül\u202eler",
    ],
)
def test_bad_input_is_a_400_with_a_json_message(client, directory_members, query):
    response = client.get(SUGGESTIONS, {"q": query})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]


def test_invalid_utf8_is_a_400_with_a_json_message(client, directory_members):
    response = client.get(SUGGESTIONS + "?q=M%FCller%ff")
    assert response.status_code == 400
    assert response.json()["error"]


@pytest.mark.parametrize("query", ["Müller & Söhne", "O'Neill", "Bild+Ton", "C.A.R.", "Жар-птица"])
def test_punctuation_of_names_and_other_scripts_are_fine(client, reference_data, query):
    ProfileFactory(name=query)
    assert labels(suggestions(client, query), "members") == [query]


def test_percent_and_underscore_are_refused_not_used_as_wildcards(client, directory_members):
    for query in ("m%", "m_ller", "%%"):
        assert client.get(SUGGESTIONS, {"q": query}).status_code == 400


def test_only_get_and_head_are_answered(client, reference_data):
    assert client.post(SUGGESTIONS, {"q": "foto"}).status_code == 405


def test_a_profile_named_like_the_address_keeps_a_page_of_its_own(client, reference_data):
    profile = ProfileFactory(name="Vorschläge")
    assert profile.slug != "vorschlaege"
    response = client.get(profile.get_absolute_url())
    assert response.status_code == 200
    assert "Vorschläge" in response.content.decode()


def test_a_name_is_found_as_typed_even_where_folding_twice_would_change_it(client, reference_data):
    # "Maueer" folds to "mauer", which folded again would be "maur".
    ProfileFactory(name="Maueer Klangbau")
    assert labels(suggestions(client, "Maueer"), "members") == ["Maueer Klangbau"]


def test_search_terms_of_a_discipline_suggest_the_discipline(client, reference_data):
    """Staff give disciplines job titles and synonyms (issue 12, part 2); typing one of
    them suggests the discipline."""
    illustration = load_vocabulary().by_slug("disciplines")["illustration"]
    illustration.search_terms = "Illustratorin, Illustrator, Zeichnerin, Zeichner"
    # Other disciplines may carry similar terms (Bildende Kunst: "Zeichnung").
    assert "Illustration" in labels(suggestions(client, "Zeichn"), "disciplines")
