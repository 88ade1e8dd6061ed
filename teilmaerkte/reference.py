"""The 11 official Teilmärkte plus "Sonstige" and their finer disciplines.

Names come from data/teilmaerkte.csv; the descriptions and English discipline names below are
ours. Used by the data migration and test fixtures; only missing rows are created.
"""

import csv
from pathlib import Path

from kern.text import german_slugify

DATA_DIR = Path(__file__).resolve().parent / "data"

DESCRIPTIONS = {
    "musikwirtschaft": (
        "Komponistinnen, Musiker, Labels, Musikverlage, Tonstudios, Bookingagenturen und "
        "Instrumentenbauer.",
        "Composers, musicians, labels, music publishers, recording studios, booking agencies and "
        "instrument makers.",
    ),
    "buchmarkt": (
        "Autorinnen, Übersetzer, Buchverlage und Buchhandlungen.",
        "Authors, translators, book publishers and bookshops.",
    ),
    "kunstmarkt": (
        "Bildende Künstlerinnen, Galerien, Kunsthandel und künstlerische Fotografie.",
        "Visual artists, galleries, art dealers and fine-art photography.",
    ),
    "filmwirtschaft": (
        "Filmproduktion, Postproduktion und visuelle Effekte, Animation, Verleih und Kinos.",
        "Film production, post-production and visual effects, animation, distribution and cinemas.",
    ),
    "rundfunkwirtschaft": (
        "Hörfunk, Fernsehen, Podcasts und Audioproduktion.",
        "Radio, television, podcasts and audio production.",
    ),
    "darstellende-kuenste": (
        "Freie Theater, Tanz, Kleinkunst und Artistik, Bühnen- und Veranstaltungstechnik.",
        "Independent theatre, dance, cabaret and circus arts, stage and event technology.",
    ),
    "designwirtschaft": (
        "Kommunikations-, Produkt- und Modedesign, Fotografie, Illustration, Schmuck, "
        "Kunsthandwerk und UX-Design.",
        "Communication, product and fashion design, photography, illustration, jewellery, crafts "
        "and UX design.",
    ),
    "architekturmarkt": (
        "Architektur, Innen- und Landschaftsarchitektur, Stadtplanung.",
        "Architecture, interior and landscape architecture, urban planning.",
    ),
    "pressemarkt": (
        "Journalistinnen, Redaktionsbüros, Zeitungs- und Zeitschriftenverlage.",
        "Journalists, editorial offices, newspaper and magazine publishers.",
    ),
    "werbemarkt": (
        "Werbeagenturen, Mediaplanung und Vermarktung, PR und Kommunikation.",
        "Advertising agencies, media planning and sales, PR and communication.",
    ),
    "software-games": (
        "Spieleentwicklung, Softwareentwicklung, Web und digitale Medien.",
        "Game development, software development, web and digital media.",
    ),
    "sonstige": (
        "Kulturvermittlung, Festivals und Veranstaltungen, Kreativräume und Coworking.",
        "Cultural education, festivals and events, creative spaces and coworking.",
    ),
}

DISCIPLINES_EN = {
    "Musik & Komposition": "Music & composition",
    "Label & Musikverlag": "Label & music publishing",
    "Tonstudio & Produktion": "Recording studio & production",
    "Konzert & Booking": "Concerts & booking",
    "Instrumentenbau": "Instrument making",
    "Autorschaft": "Writing",
    "Übersetzung": "Translation",
    "Buchverlag": "Book publishing",
    "Buchhandel": "Bookselling",
    "Bildende Kunst": "Visual arts",
    "Galerie & Kunsthandel": "Gallery & art dealing",
    "Kunstfotografie": "Fine-art photography",
    "Filmproduktion": "Film production",
    "Postproduktion & VFX": "Post-production & VFX",
    "Animation": "Animation",
    "Verleih & Kino": "Distribution & cinema",
    "Hörfunk": "Radio",
    "Fernsehen": "Television",
    "Podcast & Audio": "Podcasts & audio",
    "Theater": "Theatre",
    "Tanz": "Dance",
    "Kleinkunst & Artistik": "Cabaret & circus arts",
    "Bühnen- & Veranstaltungstechnik": "Stage & event technology",
    "Kommunikationsdesign": "Communication design",
    "Produktdesign": "Product design",
    "Modedesign": "Fashion design",
    "Fotografie": "Photography",
    "Illustration": "Illustration",
    "Schmuck & Kunsthandwerk": "Jewellery & crafts",
    "Interaction & UX Design": "Interaction & UX design",
    "Architektur": "Architecture",
    "Innenarchitektur": "Interior architecture",
    "Landschaftsarchitektur": "Landscape architecture",
    "Stadtplanung": "Urban planning",
    "Journalismus": "Journalism",
    "Zeitungs- & Zeitschriftenverlag": "Newspaper & magazine publishing",
    "Redaktionsbüro": "Editorial office",
    "Werbeagentur": "Advertising agency",
    "Media & Vermarktung": "Media & marketing",
    "PR & Kommunikation": "PR & communication",
    "Games": "Games",
    "Softwareentwicklung": "Software development",
    "Web & Digitale Medien": "Web & digital media",
    "Kulturvermittlung": "Cultural education",
    "Festivals & Veranstaltungen": "Festivals & events",
    "Kreativräume & Coworking": "Creative spaces & coworking",
}


def read_submarkets():
    with (DATA_DIR / "teilmaerkte.csv").open(encoding="utf-8") as handle:
        rows = (line for line in handle if line.strip() and not line.startswith("#"))
        yield from csv.DictReader(rows, delimiter=";")


def ensure_reference_data(submarket_model, discipline_model):
    for position, row in enumerate(read_submarkets()):
        description, description_en = DESCRIPTIONS[row["slug"]]
        submarket, _ = submarket_model.objects.get_or_create(
            slug=row["slug"],
            defaults={
                "name": row["name_de"],
                "name_en": row["name_en"],
                "description": description,
                "description_en": description_en,
                "position": position,
            },
        )
        for discipline_position, name in enumerate(row["disciplines_de"].split("|")):
            discipline_model.objects.get_or_create(
                slug=german_slugify(name),
                defaults={
                    "submarket": submarket,
                    "name": name,
                    "name_en": DISCIPLINES_EN.get(name, ""),
                    "position": discipline_position,
                },
            )
