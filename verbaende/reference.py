"""Reference data every installation starts with: the four associations, Saxony's districts
and a starting set of municipalities.

Used by the data migration and by test fixtures. `ensure_reference_data` only creates what is
missing, so it never overwrites what staff later edited in the admin.
"""

import csv
import datetime
from pathlib import Path

from kern.text import german_slugify

DATA_DIR = Path(__file__).resolve().parent / "data"

ASSOCIATIONS = [
    {
        "slug": "landesverband",
        "kind": "state",
        "position": 0,
        "name": "Landesverband der Kultur- und Kreativwirtschaft Sachsen e.V.",
        "short_name": "Landesverband Sachsen",
        "founded_on": datetime.date(2015, 6, 24),
        "founded_year": 2015,
        "seat": "Sachsen",
        "catchment": "Freistaat Sachsen",
        "website": "",
        "email": "",
        "tagline": (
            "Die gemeinsame Stimme der Kultur- und Kreativwirtschaft in Sachsen, getragen von den "
            "Branchenverbänden in Chemnitz, Dresden und Leipzig."
        ),
        "tagline_en": (
            "The joint voice of Saxony's cultural and creative industries, formed by the regional "
            "associations in Chemnitz, Dresden and Leipzig."
        ),
        "description": (
            "Am 24. Juni 2015 haben sich die drei regionalen Branchenverbände der Kultur- und "
            "Kreativwirtschaft zum Landesverband Sachsen zusammengeschlossen: Kreatives Chemnitz, "
            "Wir gestalten Dresden und Kreatives Leipzig.\n\n"
            "Der Landesverband bündelt ihre Anliegen auf Landesebene. Er macht sichtbar, was "
            "Designerinnen, Labels, Studios, Verlage, Architekturbüros, Musikerinnen und "
            "Spieleentwickler in ganz Sachsen leisten, vernetzt sie über Sparten- und "
            "Stadtgrenzen hinweg und vertritt ihre Interessen gegenüber Politik und Verwaltung.\n\n"
            "Mitglied wird man über den Branchenverband der eigenen Region."
        ),
        "description_en": (
            "On 24 June 2015 the three regional associations of the cultural and creative "
            "industries joined to form the Landesverband Sachsen: Kreatives Chemnitz, "
            "Wir gestalten Dresden and Kreatives Leipzig.\n\n"
            "The state association brings their concerns together at state level. It makes "
            "visible what designers, labels, studios, publishers, architects, musicians and game "
            "developers achieve all over Saxony, connects them across disciplines and cities, and "
            "represents their interests towards politics and administration.\n\n"
            "Membership is through the regional association of one's own region."
        ),
    },
    {
        "slug": "chemnitz",
        "kind": "regional",
        "position": 1,
        "name": "Branchenverband der Kultur- und Kreativwirtschaft Chemnitz und Umgebung e.V.",
        "short_name": "Kreatives Chemnitz",
        "founded_on": None,
        "founded_year": 2013,
        "seat": "Chemnitz",
        "catchment": "Chemnitz und Umgebung",
        "website": "https://www.kreatives-chemnitz.de",
        "email": "info@kreatives-chemnitz.de",
        "tagline": (
            "Macht das kreative Potenzial von Chemnitz und Umgebung sichtbar, damit kein Label "
            "und keine Nominierung unbemerkt bleibt."
        ),
        "tagline_en": (
            "Makes the creative potential of Chemnitz and its surroundings visible, so that no "
            "label and no award nomination goes unnoticed."
        ),
        "description": (
            "Kreatives Chemnitz wurde 2013 gegründet. Der Verband zeigt, wie viel Kreativität in "
            "Chemnitz und seinem Umland steckt, und wie sehr Kreative mit ihren Ideen und "
            "Projekten die Stadt gestalten und weiterentwickeln.\n\n"
            "Oft erfährt man nur zufällig von einem kleinen Label oder davon, dass jemand aus der "
            "Region für einen bundesweiten Designpreis nominiert ist. Hier setzt der Verband an: "
            "Mitglieder können ihre Leistungen zeigen, sich über Sparten hinweg vernetzen und "
            "werden von denen gefunden, die kreative Leistungen suchen. Als Multiplikator greift "
            "der Verband Neuigkeiten aus der Branche auf und trägt sie weiter.\n\n"
            "Gemeinsam mit seinen Mitgliedern arbeitet er an guten Rahmenbedingungen für "
            "Kreativschaffende, Künstlerinnen und Kulturanbieter und vertritt ihre Interessen "
            "gegenüber Politik und Verwaltung."
        ),
        "description_en": (
            "Kreatives Chemnitz was founded in 2013. It shows how much creativity there is in "
            "Chemnitz and its surroundings, and how creatives shape and develop the city with "
            "their ideas and projects.\n\n"
            "Too often one hears only by chance of a small label, or that someone from the region "
            "has been nominated for a national design prize. This is where the association comes "
            "in: members present their achievements, connect across disciplines and are found by "
            "those looking for creative work. As a multiplier, the association picks up news "
            "from the industry and spreads it.\n\n"
            "Together with its members it works on good conditions for creatives, artists and "
            "cultural providers and represents their interests towards politics and "
            "administration."
        ),
    },
    {
        "slug": "dresden",
        "kind": "regional",
        "position": 2,
        "name": "Branchenverband der Dresdner Kultur- und Kreativwirtschaft",
        "short_name": "Wir gestalten Dresden",
        "founded_on": None,
        "founded_year": 2012,
        "seat": "Dresden",
        "catchment": "Dresden und Umgebung",
        "website": "https://www.wir-gestalten-dresden.de",
        "email": "info@wir-gestalten-dresden.de",
        "tagline": (
            "Berät, vernetzt und vertritt die Dresdner Kultur- und Kreativwirtschaft, eng "
            "verbunden mit der Landeshauptstadt."
        ),
        "tagline_en": (
            "Advises, connects and represents Dresden's cultural and creative industries, in "
            "close cooperation with the state capital."
        ),
        "description": (
            "Wir gestalten Dresden besteht seit 2012. In enger Zusammenarbeit mit den "
            "Kreativschaffenden und mit der Landeshauptstadt Dresden macht der Verband die "
            "Strukturen der Branche sichtbar und wirbt für ein besseres Verständnis ihrer "
            "Leistungen und Wertschöpfung.\n\n"
            "Mitglieder erhalten konkrete Unterstützung: in Einzelberatungen und in den "
            "Beratungssalons, die der Verband gemeinsam mit dem Kulturbüro Dresden anbietet. "
            "Kooperationsveranstaltungen knüpfen Netzwerke, stellen gelungene Beispiele vor und "
            "erarbeiten Lösungen.\n\n"
            "Ein Schwerpunkt sind bessere Arbeitsbedingungen, vor allem bezahlbarer Raum durch "
            "Coworking Spaces und Zwischennutzung; die Kreativraumförderung der Stadt Dresden war "
            "ein erster Erfolg. Als Interessenvertretung trägt der Verband die Bedarfe der "
            "Branche an die Politik heran."
        ),
        "description_en": (
            "Wir gestalten Dresden has existed since 2012. In close cooperation with creatives "
            "and with the state capital Dresden, the association makes the structures of the "
            "industry visible and promotes a better understanding of its work and value "
            "creation.\n\n"
            "Members get practical support: individual consultations and the advice salons "
            "(Beratungssalons) run together with the city's Kulturbüro. Cooperation events build "
            "networks, present good examples and work out solutions.\n\n"
            "A focus is better working conditions, above all affordable space through coworking "
            "spaces and interim use; the city of Dresden's creative-space funding was a first "
            "success. As a representative body, the association brings the industry's needs to "
            "political decision-makers."
        ),
    },
    {
        "slug": "leipzig",
        "kind": "regional",
        "position": 3,
        "name": "Kreatives Leipzig e.V.",
        "short_name": "Kreatives Leipzig",
        "founded_on": None,
        "founded_year": 2010,
        "founding_note": "im Sommer",
        "seat": "Leipzig",
        "catchment": "Stadtregion Leipzig",
        "website": "https://www.kreatives-leipzig.de",
        "email": "info@kreatives-leipzig.de",
        "tagline": (
            "Vernetzt die Kreativen der Stadtregion Leipzig und gibt ihnen ein gemeinsames "
            "Sprachrohr."
        ),
        "tagline_en": (
            "Connects the creatives of the Leipzig city region and gives them a common voice."
        ),
        "description": (
            "Im Sommer 2010 gründeten Selbständige und Unternehmen der Leipziger "
            "Kreativwirtschaft den Verein Kreatives Leipzig. Er verbindet die vielen Akteure der "
            "Stadtregion, gibt ihnen eine gemeinsame Stimme und stärkt Leipzig als "
            "Kreativstandort.\n\n"
            "Der Verein fördert Austausch und Zusammenarbeit, damit aus Begegnungen Kooperationen "
            "werden. Er arbeitet ehrenamtlich und unabhängig, vertritt die Kreativwirtschaft der "
            "Stadtregion in der Öffentlichkeit und gestaltet den Wandel von Gesellschaft und "
            "Arbeitswelt aktiv mit."
        ),
        "description_en": (
            "In the summer of 2010, freelancers and companies of Leipzig's creative industries "
            "founded Kreatives Leipzig. The association connects the many actors of the city "
            "region, gives them a common voice and strengthens Leipzig as a creative location.\n\n"
            "It encourages exchange and cooperation so that encounters turn into joint projects. "
            "It works voluntarily and independently, represents the region's creative industries "
            "in public and actively helps shape changes in society and the world of work."
        ),
    },
]


def _read_csv(name):
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        rows = (line for line in handle if line.strip() and not line.startswith("#"))
        yield from csv.DictReader(rows, delimiter=";")


DISTRICT_KINDS = {"Landkreis": "rural_district", "kreisfreie Stadt": "city"}


def ensure_reference_data(association_model, district_model, municipality_model):
    """Create the associations, districts and municipalities that do not exist yet."""
    associations = {}
    for facts in ASSOCIATIONS:
        fields = {key: value for key, value in facts.items() if key != "slug"}
        associations[facts["slug"]], _ = association_model.objects.get_or_create(
            slug=facts["slug"], defaults=fields
        )

    districts = {}
    for row in _read_csv("regionen.csv"):
        districts[row["kreis"]], _ = district_model.objects.get_or_create(
            name=row["kreis"],
            defaults={
                "slug": german_slugify(row["kreis"]),
                "kind": DISTRICT_KINDS[row["art"]],
                "association": associations[row["verband"]],
            },
        )

    for row in _read_csv("gemeinden.csv"):
        district = districts[row["kreis"]]
        slug = german_slugify(row["gemeinde"])
        if municipality_model.objects.filter(slug=slug).exclude(district=district).exists():
            slug = f"{slug}-{district.slug}"
        municipality_model.objects.get_or_create(
            district=district, name=row["gemeinde"], defaults={"slug": slug}
        )
