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
    # The migration that creates the rows runs before the one that adds search terms.
    if any(field.name == "search_terms" for field in discipline_model._meta.fields):
        apply_search_terms(submarket_model, discipline_model)


# What visitors type for each discipline (slug): job titles in all genders, everyday words,
# English. Staff edit them in the admin; the data migration fills only empty ones.
DISCIPLINE_SEARCH_TERMS = {
    "musik-komposition": "Musikerin, Musiker, Komponistin, Komponist, Band, Songwriterin, "
    "Songwriter, Sängerin, Sänger, Liedermacherin, Liedermacher, Orchester, Chor, DJ, "
    "musician, composer, singer",
    "label-musikverlag": "Plattenlabel, Musiklabel, Plattenfirma, Musikverlegerin, "
    "Musikverleger, Verlegerin, Verleger, Vinyl, record label, music publisher",
    "tonstudio-produktion": "Tonstudio, Aufnahmestudio, Tontechnikerin, Tontechniker, "
    "Toningenieurin, Toningenieur, Musikproduzentin, Musikproduzent, Produzentin, "
    "Produzent, Mixing, Mastering, Sounddesign, recording studio, producer",
    "konzert-booking": "Konzertveranstalterin, Konzertveranstalter, Bookerin, Booker, "
    "Bookingagentur, Tourmanagement, Konzertagentur, Livemusik, Konzerte, Club, "
    "concert promoter, booking agency",
    "instrumentenbau": "Instrumentenbauerin, Instrumentenbauer, Geigenbauerin, Geigenbauer, "
    "Gitarrenbauerin, Gitarrenbauer, Orgelbau, Klavierbau, Instrumente, instrument maker, "
    "luthier",
    "autorschaft": "Autorin, Autor, Schriftstellerin, Schriftsteller, Texterin, Texter, "
    "Lyrikerin, Lyriker, Drehbuchautorin, Drehbuchautor, Ghostwriter, Schreiben, Literatur, "
    "author, writer, copywriter",
    "uebersetzung": "Übersetzerin, Übersetzer, Dolmetscherin, Dolmetscher, Lektorat, "
    "Lektorin, Lektor, Sprachen, translator, interpreter, editor",
    "buchverlag": "Verlag, Verlegerin, Verleger, Buchgestaltung, Kleinverlag, Bücher, "
    "publisher, publishing house",
    "buchhandel": "Buchhandlung, Buchhändlerin, Buchhändler, Antiquariat, Bücher, bookshop, "
    "bookseller",
    "bildende-kunst": "Künstlerin, Künstler, Malerin, Maler, Bildhauerin, Bildhauer, "
    "Grafikerin, Grafiker, Malerei, Skulptur, Druckgrafik, Zeichnung, Installation, Atelier, "
    "artist, painter, sculptor",
    "galerie-kunsthandel": "Galerie, Galeristin, Galerist, Kunsthändlerin, Kunsthändler, "
    "Kuratorin, Kurator, Ausstellung, gallery, art dealer, curator",
    "kunstfotografie": "Fotokünstlerin, Fotokünstler, künstlerische Fotografie, "
    "Fotografin, Fotograf, fine art photography, photographer",
    "filmproduktion": "Filmemacherin, Filmemacher, Regisseurin, Regisseur, Produzentin, "
    "Produzent, Kamerafrau, Kameramann, Dokumentarfilm, Imagefilm, Werbefilm, Video, "
    "Videoproduktion, filmmaker, director, video production",
    "postproduktion-vfx": "Cutterin, Cutter, Editorin, Schnitt, Farbkorrektur, Color "
    "Grading, visuelle Effekte, Compositing, Motion Design, VFX Artist, editing, visual "
    "effects",
    "animation": "Animatorin, Animator, Trickfilm, Zeichentrick, Stop Motion, 3D Animation, "
    "Motion Graphics, Erklärfilm, animator, cartoon",
    "verleih-kino": "Kino, Programmkino, Filmverleih, Verleiherin, Verleiher, Filmfestival, "
    "cinema, film distribution",
    "hoerfunk": "Radio, Radiomacherin, Radiomacher, Moderatorin, Moderator, Hörspiel, "
    "Sprecherin, Sprecher, Rundfunk, radio presenter",
    "fernsehen": "Fernsehen, TV, Fernsehproduktion, Redakteurin, Redakteur, Moderatorin, "
    "Moderator, television, broadcaster",
    "podcast-audio": "Podcast, Podcasterin, Podcaster, Hörbuch, Sprecherin, Sprecher, "
    "Audioproduktion, Sounddesign, audio book, voice over",
    "theater": "Schauspielerin, Schauspieler, Regisseurin, Regisseur, Dramaturgin, "
    "Dramaturg, freies Theater, Figurentheater, Puppentheater, Bühne, actress, actor, "
    "theatre",
    "tanz": "Tänzerin, Tänzer, Choreografin, Choreograf, Ballett, Performance, zeitgenössischer "
    "Tanz, dancer, choreographer",
    "kleinkunst-artistik": "Kabarett, Kabarettistin, Kabarettist, Zauberer, Zauberin, "
    "Artistin, Artist, Zirkus, Akrobatik, Comedy, Varieté, Straßentheater, circus, magician",
    "buehnen-veranstaltungstechnik": "Veranstaltungstechnikerin, Veranstaltungstechniker, "
    "Bühnentechnik, Lichttechnik, Tontechnik, Lichtdesign, Bühnenbild, Bühnenbildnerin, "
    "Bühnenbildner, stage technology, lighting",
    "kommunikationsdesign": "Grafikdesign, Grafikdesignerin, Grafikdesigner, Grafikerin, "
    "Grafiker, Mediengestalterin, Mediengestalter, Designerin, Designer, Corporate Design, "
    "Logo, Branding, Typografie, Editorial Design, Plakat, Layout, graphic design, "
    "graphic designer",
    "produktdesign": "Produktdesignerin, Produktdesigner, Industriedesignerin, "
    "Industriedesigner, Industriedesign, Möbeldesign, Möbel, Designerin, Designer, "
    "product design, industrial design",
    "modedesign": "Modedesignerin, Modedesigner, Mode, Schneiderin, Schneider, Textildesign, "
    "Kostümbildnerin, Kostümbildner, Label, fashion, fashion designer",
    "fotografie": "Fotografin, Fotograf, Fotostudio, Foto, Fotos, Porträts, Photograph, "
    "photography, photographer",
    "illustration": "Illustratorin, Illustrator, Zeichnerin, Zeichner, Comic, "
    "Comiczeichnerin, Comiczeichner, Zeichnung, Kinderbuch, illustrator",
    "schmuck-kunsthandwerk": "Goldschmiedin, Goldschmied, Schmuckdesignerin, "
    "Schmuckdesigner, Keramikerin, Keramiker, Töpferin, Töpfer, Keramik, Handwerk, "
    "Kunsthandwerkerin, Kunsthandwerker, jewellery, crafts, ceramics",
    "interaction-ux-design": "UX Designerin, UX Designer, UI Design, Webdesign, Webdesignerin, "
    "Webdesigner, Interfacedesign, Usability, App Design, user experience",
    "architektur": "Architektin, Architekt, Architekturbüro, Hochbau, Bauplanung, architect",
    "innenarchitektur": "Innenarchitektin, Innenarchitekt, Raumgestaltung, Interior Design, "
    "Einrichtung, interior designer",
    "landschaftsarchitektur": "Landschaftsarchitektin, Landschaftsarchitekt, "
    "Gartengestaltung, Freiraumplanung, Landschaftsplanung, landscape architect",
    "stadtplanung": "Stadtplanerin, Stadtplaner, Städtebau, Stadtentwicklung, urban planner",
    "journalismus": "Journalistin, Journalist, Reporterin, Reporter, Redakteurin, "
    "Redakteur, freie Journalistin, Fotojournalismus, journalist",
    "zeitungs-zeitschriftenverlag": "Zeitung, Zeitschrift, Magazin, Verlag, Verlegerin, "
    "Verleger, newspaper, magazine",
    "redaktionsbuero": "Redaktion, Redakteurin, Redakteur, Lektorat, Texterin, Texter, "
    "Content, Corporate Publishing, editorial office",
    "werbeagentur": "Werbeagentur, Agentur, Werbung, Kreativagentur, Designagentur, "
    "Werbetexterin, Werbetexter, Art Director, Kampagne, advertising agency",
    "media-vermarktung": "Mediaplanung, Mediaagentur, Marketing, Onlinemarketing, Social Media, "
    "Vermarktung, media agency, marketing",
    "pr-kommunikation": "Öffentlichkeitsarbeit, PR Agentur, Pressearbeit, Pressesprecherin, "
    "Pressesprecher, Kommunikationsberatung, public relations",
    "games": "Spieleentwicklerin, Spieleentwickler, Spieleentwicklung, Gamedesign, "
    "Gamedesignerin, Gamedesigner, Spiele, Videospiele, Computerspiele, Brettspiele, "
    "Indie Games, game developer, game design, video games",
    "softwareentwicklung": "Softwareentwicklerin, Softwareentwickler, Programmiererin, "
    "Programmierer, Entwicklerin, Entwickler, Software, App, Apps, IT, software developer",
    "web-digitale-medien": "Webentwicklung, Webentwicklerin, Webentwickler, Webdesign, "
    "Website, Internetseite, Onlineshop, digitale Medien, Virtual Reality, web developer",
    "kulturvermittlung": "Kulturvermittlerin, Kulturvermittler, Kunstvermittlung, "
    "Museumspädagogik, Kulturelle Bildung, Workshops, Kulturmanagement, cultural education",
    "festivals-veranstaltungen": "Festival, Veranstalterin, Veranstalter, Eventagentur, Event, "
    "Events, Veranstaltungen, Kulturveranstaltungen, event agency",
    "kreativraeume-coworking": "Coworking Space, Kreativraum, Ateliers, Ateliergemeinschaft, "
    "Werkstatt, Makerspace, Proberaum, Räume, Arbeitsplatz, coworking space",
}

SUBMARKET_SEARCH_TERMS = {
    "musikwirtschaft": "Musik, music",
    "buchmarkt": "Bücher, Literatur, books",
    "kunstmarkt": "Kunst, art",
    "filmwirtschaft": "Film, Kino, film",
    "rundfunkwirtschaft": "Rundfunk, Radio, Fernsehen, broadcasting",
    "darstellende-kuenste": "Bühne, darstellende Kunst, performing arts",
    "designwirtschaft": "Design, Gestaltung, design",
    "architekturmarkt": "Architektur, Bauen, architecture",
    "pressemarkt": "Presse, Medien, press",
    "werbemarkt": "Werbung, Marketing, advertising",
    "software-games": "Digital, Software",
    "sonstige": "",
}


def apply_search_terms(submarket_model, discipline_model):
    """Fill the search terms of the reference rows that have none (staff's edits stay)."""
    for slug, terms in SUBMARKET_SEARCH_TERMS.items():
        submarket_model.objects.filter(slug=slug, search_terms="").update(search_terms=terms)
    for slug, terms in DISCIPLINE_SEARCH_TERMS.items():
        discipline_model.objects.filter(slug=slug, search_terms="").update(search_terms=terms)
