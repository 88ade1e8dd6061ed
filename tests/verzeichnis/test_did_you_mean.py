"""Typo tolerance: a search that finds little offers "Meinten Sie …?" as a plain link."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ProfileFactory, discipline, place
from verzeichnis import spelling
from verzeichnis.vocabulary import load_vocabulary

DIRECTORY = "/mitglieder/"


def did_you_mean(client, params, path=DIRECTORY):
    response = client.get(path, params)
    assert response.status_code == 200
    return response.context["did_you_mean"], response


def parameters(url):
    return {name: values[0] for name, values in parse_qs(urlsplit(url).query).items()}


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("Ilustration", "Illustration"),  # one letter missing
        ("Illustartion", "Illustration"),  # two letters swapped: two edits in 12 letters
        ("Fotografi", "Fotografie"),
        ("Fotogarfie", "Fotografie"),
        ("Architektr", "Architektur"),
        ("Kommunikatonsdesgn", "Kommunikationsdesign"),  # two edits in 20 letters
        ("Görlitt", "Görlitz"),  # a place
        ("Zwickauu", "Zwickau"),
    ],
)
def test_a_misspelt_discipline_or_place_is_corrected(client, reference_data, typed, meant):
    suggestion, _ = did_you_mean(client, {"q": typed})
    assert suggestion is not None, typed
    assert suggestion["query"] == meant
    assert parameters(suggestion["url"]) == {"q": meant}


def test_the_suggestion_is_a_plain_link_to_the_corrected_search(client, reference_data):
    ProfileFactory(name="Strichwerk", disciplines=[discipline("illustration")])
    suggestion, response = did_you_mean(client, {"q": "Ilustration"})
    html = response.content.decode()
    assert '<p class="did-you-mean">' in html
    assert f'href="{suggestion["url"].replace("&", "&amp;")}"' in html
    corrected = client.get(DIRECTORY + suggestion["url"])
    assert "Strichwerk" in [p.name for p in corrected.context["page"].object_list]


def test_the_link_keeps_the_other_filters_and_the_sort_order(client, reference_data):
    suggestion, _ = did_you_mean(
        client, {"q": "Ilustration", "ort": "leipzig", "auftraege": "on", "sortierung": "name"}
    )
    assert parameters(suggestion["url"]) == {
        "q": "Illustration",
        "ort": "leipzig",
        "auftraege": "on",
        "sortierung": "name",
    }


def test_only_the_misspelt_word_changes(client, reference_data):
    suggestion, _ = did_you_mean(client, {"q": "Ilustration Leipzig"})
    assert suggestion["query"] == "Illustration Leipzig"


def test_member_names_are_part_of_the_vocabulary(client, reference_data):
    ProfileFactory(name="Tonwerkstatt Kranichfeld", municipality=place("plauen"))
    suggestion, _ = did_you_mean(client, {"q": "Kranichfeldt"})
    assert suggestion["query"] == "Kranichfeld"


def test_a_search_that_finds_enough_offers_nothing(client, reference_data):
    for number in range(spelling.FEW_RESULTS):
        ProfileFactory(name=f"Ilustration Studio {number}")
    suggestion, response = did_you_mean(client, {"q": "Ilustration"})
    assert response.context["total"] == spelling.FEW_RESULTS
    assert suggestion is None


@pytest.mark.parametrize(
    "typed",
    [
        "Foto",  # too short to correct: four letters tolerate no edit
        "Fotografie",  # known
        "Xylophonbauer",  # near nothing
    ],
)
def test_known_short_or_unmatched_words_are_left_alone(client, reference_data, typed):
    suggestion, _ = did_you_mean(client, {"q": typed})
    assert suggestion is None


def test_five_letters_tolerate_one_edit_nine_letters_two():
    assert spelling.allowed_edits("foto") == 0
    assert spelling.allowed_edits("fotos") == 1
    assert spelling.allowed_edits("fotograf") == 1
    assert spelling.allowed_edits("fotografi") == 2


def test_two_edits_are_too_many_for_a_short_word(client, reference_data):
    # "Games" is five letters: "Gmaes" swaps two, which is two edits.
    suggestion, _ = did_you_mean(client, {"q": "Gmaes"})
    assert suggestion is None


def test_a_new_member_name_is_known_on_the_next_request(client, reference_data):
    assert did_you_mean(client, {"q": "Pinguinhaus"})[0] is None
    ProfileFactory(name="Pinguinhause Records")
    ProfileFactory(name="Noch Ein Profil")
    ProfileFactory(name="Und Ein Drittes")
    suggestion, _ = did_you_mean(client, {"q": "Pinguinhaus"})
    assert suggestion["query"] == "Pinguinhause"


def test_english_pages_correct_to_english_names(client, reference_data):
    suggestion, _ = did_you_mean(client, {"q": "Photograpy"}, path="/en" + DIRECTORY)
    assert suggestion["query"] == "Photography"
    assert suggestion["url"].startswith("?")


def test_a_hostile_query_gets_a_page_and_no_suggestion(client, reference_data):
    for query in ("a" * 10_000, "foto | !bild :* (x)", "Mül\x00ler", " ".join(["wort"] * 200)):
        suggestion, _ = did_you_mean(client, {"q": query})
        assert suggestion is None


def test_the_correction_costs_no_query_once_the_words_are_loaded(client, reference_data):
    ProfileFactory(name="Strichwerk")
    client.get(DIRECTORY, {"q": "Ilustration"})
    with CaptureQueriesContext(connection) as captured:
        assert spelling.corrected_query("Ilustration Fotogarfie") == "Illustration Fotografie"
    assert len(captured) == 0


def test_a_large_directory_reads_the_names_in_the_background(monkeypatch, reference_data):
    """No visitor waits for all names to be read: at 200 000 profiles that takes most of a
    second. Until the background read is done the fixed vocabulary still corrects."""
    started = []
    monkeypatch.setattr(spelling, "READ_NAMES_AT_ONCE", 0)
    monkeypatch.setattr(spelling, "_read_name_words_in_background", started.append)
    monkeypatch.delitem(spelling._cache, "names", raising=False)
    ProfileFactory(name="Tonwerkstatt Kranichfeld")

    with CaptureQueriesContext(connection) as captured:
        assert spelling.corrected_query("Kranichfeldt Ilustration") == "Kranichfeldt Illustration"
    assert len(started) == 1
    assert not any('"name" FROM' in query["sql"] for query in captured)

    # The background read is done (run here), then the names correct as well.
    spelling._read_name_words(started[0])
    assert spelling.corrected_query("Kranichfeldt") == "Kranichfeld"

    # A change: within the minute the previous words serve and nothing is read again,
    monkeypatch.setattr(spelling, "SLOW_REBUILD_SECONDS", -1)
    ProfileFactory(name="Pinguinhause Records")
    assert spelling.corrected_query("Pinguinhaus") is None
    assert len(started) == 1
    # after it, in the background again.
    monkeypatch.setattr(spelling, "NAME_WORDS_REFRESH_SECONDS", 0)
    spelling.corrected_query("Pinguinhaus")
    assert len(started) == 2


def test_search_terms_of_a_discipline_are_part_of_the_vocabulary(client, reference_data):
    illustration = load_vocabulary().by_slug("disciplines")["illustration"]
    illustration.search_terms = ["Illustratorin", "Zeichnerin"]
    suggestion, _ = did_you_mean(client, {"q": "Zeichnerinn"})
    assert suggestion["query"] == "Zeichnerin"


def test_a_search_without_matches_needs_no_query_once_counted(client, reference_data):
    # Visitors retype a failed search, and its counts are cached: the page says "none"
    # and offers the spelling from the cached vocabulary, asking the database nothing.
    ProfileFactory(name="Strichwerk", disciplines=[discipline("illustration")])
    client.get(DIRECTORY, {"q": "Ilustration Grafik Bühne Ton Film Mode"})
    with CaptureQueriesContext(connection) as captured:
        suggestion, response = did_you_mean(client, {"q": "Ilustration Grafik Bühne Ton Film Mode"})
    assert response.context["total"] == 0
    assert list(response.context["page"].object_list) == []
    assert suggestion is not None
    assert len(captured.captured_queries) == 0
