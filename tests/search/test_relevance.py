"""The relevance set: judged queries over a fixed directory (tests/search/search_corpus.py).

Each query lists the profiles a visitor must see as the first results (in any order) and
those that must not be found at all. Runs on whichever backend the tests use (SQLite by
default, PostgreSQL with DATABASE_URL) and fails on any miss. Typo queries are left to the
typo-tolerance work (S3), which adds its own.
"""

import pytest
from django.db import transaction

from mitglieder.models import Profile
from teilmaerkte import reference as submarket_reference
from teilmaerkte.models import Discipline, Submarket
from tests.search.search_corpus import create_corpus
from verbaende import reference as association_reference
from verbaende.models import Association, District, Municipality

# (query, must be among the first results, must not be found)
CASES = [
    # Small words do not make a query fail.
    ("Typografie und Ausstellungsgestaltung", ["Studio Kapitälchen"], ["Kreisel Grafikbüro"]),
    ("Typografie Ausstellungsgestaltung", ["Studio Kapitälchen"], []),
    ("Fotografin in Görlitz", ["Jana Müller"], ["Lichtkante"]),
    ("Architektin aus Dresden", ["Sabine Ostrowski"], ["Baumann Architekten"]),
    ("Theater für junges Publikum", ["Theater Hinterhof"], ["Kompanie Leichtfuß"]),
    ("Musik und Kunst am Kanal", ["Kanalfest"], ["Plattenbau Records"]),
    ("ein Studio für die Hochzeit", ["Weißes Kleid Fotostudio"], []),
    # Job titles, in both genders, find the discipline.
    ("Illustratorin", ["Anna Berger", "Tintenfass Comics", "Illustrationsbüro Krähe"],
     ["Kreisel Grafikbüro"]),
    ("Illustrator", ["Anna Berger", "Tintenfass Comics"], ["Lichtkante"]),
    ("Zeichnerin", ["Anna Berger", "Tintenfass Comics"], ["Lichtkante"]),
    ("Grafikdesign", ["Kreisel Grafikbüro", "Studio Kapitälchen"], ["Jana Müller"]),
    ("Grafikdesignerin", ["Kreisel Grafikbüro", "Studio Kapitälchen"], ["Lichtkante"]),
    ("Grafiker", ["Kreisel Grafikbüro"], ["Ostwind Games"]),
    ("Fotografin", ["Jana Müller", "Lichtkante", "Weißes Kleid Fotostudio", "Lena Voigt"],
     ["Anna Berger"]),
    ("Fotograf", ["Jana Müller", "Lichtkante", "Weißes Kleid Fotostudio", "Lena Voigt"],
     ["Formfinder"]),
    ("Fotografie", ["Jana Müller", "Lichtkante", "Weißes Kleid Fotostudio", "Lena Voigt"],
     ["Trickbox"]),
    ("Architektin", ["Sabine Ostrowski", "Baumann Architekten", "Grünzug"], ["Formfinder"]),
    ("Architekt", ["Baumann Architekten", "Sabine Ostrowski", "Grünzug"], ["Netzwerkstatt"]),
    ("Spieleentwicklerin", ["Ostwind Games", "Pixelmühle"], ["Codeschmiede Zwickau"]),
    ("Spieleentwickler", ["Ostwind Games", "Pixelmühle"], ["Theater Hinterhof"]),
    ("Games", ["Ostwind Games", "Pixelmühle"], ["Klangkeller"]),
    ("Komponistin", ["Friedrich Lange"], ["Plattenbau Records"]),
    # The stemmer makes "Musikerin" "musik": the label ranks with the composer.
    ("Musikerin", ["Friedrich Lange", "Plattenbau Records"], ["Lichtkante"]),
    ("Tänzerin", ["Kompanie Leichtfuß"], ["Theater Hinterhof"]),
    ("Choreografin", ["Kompanie Leichtfuß"], []),
    ("Schauspielerin", ["Theater Hinterhof"], ["Kompanie Leichtfuß"]),
    ("Autorin", ["Clara Wendt"], ["Buchhandlung am Markt"]),
    ("Schriftstellerin", ["Clara Wendt"], []),
    ("Übersetzerin", ["Wortbrücke"], ["Clara Wendt"]),
    ("Dolmetscher", ["Wortbrücke"], []),
    ("Journalistin", ["Tom Richter"], ["Presse & Punkt"]),
    ("Goldschmiedin", ["Goldschmiede Perle"], ["Formfinder"]),
    ("Töpferin", ["Töpferei Blau"], []),
    ("Keramikerin", ["Töpferei Blau"], ["Atelier Grün"]),
    ("Malerin", ["Paul Schenk", "Lena Voigt"], ["Anna Berger"]),
    ("Galeristin", ["Galerie Weißer Hirsch"], []),
    ("Kabarettistin", ["Die Spitzzüngigen"], ["Theater Hinterhof"]),
    ("Filmemacherin", ["Elbfilm Produktion"], ["Trickbox"]),
    ("Regisseurin", ["Elbfilm Produktion", "Theater Hinterhof"], ["Kompanie Leichtfuß"]),
    ("Animatorin", ["Trickbox"], ["Elbfilm Produktion"]),
    ("Podcasterin", ["Ohrwerk Audio"], []),
    ("Tontechniker", ["Klangkeller", "Lichtblick"], []),
    ("Modedesignerin", ["Atelier Grün"], ["Formfinder"]),
    ("Schneiderin", ["Atelier Grün"], []),
    ("Programmiererin", ["Codeschmiede Zwickau", "Pixelmühle"], ["Ostwind Games"]),
    ("Webdesignerin", ["Netzwerkstatt"], ["Kreisel Grafikbüro"]),
    ("Werbeagentur", ["Agentur Elbkind"], ["Presse & Punkt"]),
    ("Pressearbeit", ["Presse & Punkt"], ["Tom Richter"]),
    ("Coworking", ["Kollektiv Zwischenraum"], []),
    ("Veranstaltungstechnik", ["Lichtblick"], ["Kanalfest"]),
    ("Museumspädagogik", ["Museumskoffer"], []),
    ("Festival", ["Kanalfest", "Presse & Punkt"], []),
    # Compounds of known parts and word forms.
    ("Produktfotografie", ["Lichtkante"], ["Formfinder", "Jana Müller"]),
    ("Hochzeitsfotografie", ["Weißes Kleid Fotostudio"], ["Lichtkante"]),
    ("Musiklabel", ["Plattenbau Records"], ["Friedrich Lange"]),
    ("Plattenlabel", ["Plattenbau Records"], []),
    ("Tonstudio", ["Klangkeller"], ["Weißes Kleid Fotostudio"]),
    ("Kinderbuch", ["Kinderbuchverlag Rabe", "Anna Berger"], ["Clara Wendt"]),
    ("Design", ["Formfinder", "Atelier Grün"], ["Theater Hinterhof"]),
    ("Produktdesign", ["Formfinder"], ["Lichtkante", "Ohrwerk Audio"]),
    ("Innenarchitektin", ["Sabine Ostrowski"], ["Baumann Architekten"]),
    ("Landschaftsarchitektur", ["Grünzug"], ["Baumann Architekten"]),
    ("Spiele", ["Ostwind Games", "Pixelmühle"], []),
    ("Ausstellungen", ["Galerie Weißer Hirsch", "Studio Kapitälchen"], []),
    ("Comic", ["Tintenfass Comics"], ["Kreisel Grafikbüro"]),
    ("Mode", ["Atelier Grün"], ["Ohrwerk Audio"]),
    ("Bildende Kunst", ["Paul Schenk", "Lena Voigt"], ["Die Spitzzüngigen"]),
    # Places, and places with what people do there.
    ("Görlitz", ["Jana Müller", "Wortbrücke"], ["Lichtkante"]),
    ("Vogtland", ["Baumann Architekten", "Geigenbau Hoyer"], ["Klangkeller"]),
    ("Erzgebirge", ["Goldschmiede Perle"], ["Lichtkante"]),
    ("Musik Leipzig", ["Plattenbau Records", "Kanalfest"], ["Friedrich Lange"]),
    ("Fotografin Chemnitz", ["Lichtkante"], ["Jana Müller"]),
    ("Grafikdesign Leipzig", ["Studio Kapitälchen"], ["Kreisel Grafikbüro"]),
    ("Theater Chemnitz", ["Theater Hinterhof"], ["Friedrich Lange"]),
    # Names, umlauts and case.
    ("muller", ["Jana Müller"], []),
    ("Toepferei", ["Töpferei Blau"], []),
    ("STRASSE DER NATIONEN", ["Kollektiv Zwischenraum"], ["Die Spitzzüngigen"]),
    ("weisser hirsch", ["Galerie Weißer Hirsch"], []),
    ("Pixelmuehle", ["Pixelmühle"], []),
    ("Kapitälchen", ["Studio Kapitälchen"], []),
    # English words (as typed on /en/).
    ("photographer", ["Jana Müller", "Lichtkante", "Weißes Kleid Fotostudio"], ["Trickbox"]),
    ("illustrator", ["Anna Berger", "Tintenfass Comics"], []),
    ("architect", ["Baumann Architekten", "Sabine Ostrowski", "Grünzug"], []),
    ("game developer", ["Ostwind Games", "Pixelmühle"], ["Kreisel Grafikbüro"]),
    ("translator", ["Wortbrücke"], []),
    ("graphic design", ["Kreisel Grafikbüro", "Studio Kapitälchen"], ["Formfinder"]),
    ("fashion designer", ["Atelier Grün"], ["Formfinder"]),
    ("dancer", ["Kompanie Leichtfuß"], []),
    ("recording studio", ["Klangkeller"], ["Weißes Kleid Fotostudio"]),
]  # fmt: skip

# (query, the profiles in this order at the top)
RANKINGS = [
    # Name, then tagline, then description.
    ("Holz", ["Holzwerkstatt Süd", "Atelier Nord", "Baumann Architekten"]),
    # Name, then discipline (ties by completeness: a website and a description beat a
    # description alone, whatever the name), then tagline, then description.
    ("Illustration", ["Illustrationsbüro Krähe", "Tintenfass Comics", "Anna Berger",
                      "Kinderbuchverlag Rabe", "Edition Sperling"]),
]  # fmt: skip


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    """The fixed directory, created once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        association_reference.ensure_reference_data(Association, District, Municipality)
        submarket_reference.ensure_reference_data(Submarket, Discipline)
        yield create_corpus()
        transaction.set_rollback(True)


def found(query):
    ranked = Profile.objects.listed().search(query).order_by("-relevance", "sort_name", "pk")
    return list(ranked.values_list("name", flat=True))


@pytest.mark.parametrize(("query", "first", "never"), CASES, ids=[case[0] for case in CASES])
def test_a_judged_query_finds_what_it_must_and_nothing_it_must_not(corpus, db, query, first, never):
    names = found(query)
    top = names[: len(first)]
    assert [name for name in first if name not in top] == [], names
    assert [name for name in never if name in names] == [], names


@pytest.mark.parametrize(("query", "order"), RANKINGS, ids=[case[0] for case in RANKINGS])
def test_ranking_is_name_then_discipline_then_tagline_then_description(corpus, db, query, order):
    assert found(query)[: len(order)] == order


def test_the_set_is_large_enough_to_mean_something():
    assert len(CASES) >= 60
