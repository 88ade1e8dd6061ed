"""Demo news and success reports for `seed_demo`: deterministic, dated relative to today,
in German. All facts are invented."""

import datetime
import random

from django.core.files.base import ContentFile
from django.utils import timezone

from aktuelles.models import NewsItem, SuccessReport
from demo.members import render_artwork
from mitglieder.models import Profile
from sparten.models import Submarket
from verbaende.models import Association

# (association slug, days ago (negative: scheduled), submarket slugs, title, teaser, body)
NEWS = [
    (
        "landesverband",
        2,
        [],
        "Kreativwirtschaft in Sachsen wächst weiter",
        "Der neue Kreativwirtschaftsbericht zeigt: Mehr Selbstständige und kleine Unternehmen "
        "prägen die Branche. Wir ordnen die Zahlen ein.",
        "Der Bericht zählt mehr Unternehmen als vor zwei Jahren, vor allem in der "
        "**Software- und Games-Industrie** und in der **Designwirtschaft**.\n\n"
        "## Was das für unsere Mitglieder bedeutet\n\n"
        "- Aufträge kommen häufiger aus dem Mittelstand.\n"
        "- Kooperationen über Teilmärkte hinweg nehmen zu.\n"
        "- Bezahlbare Räume bleiben das größte Problem.\n\n"
        "Wir bringen die Ergebnisse in die Gespräche mit dem Freistaat ein.",
    ),
    (
        "dresden",
        5,
        ["designwirtschaft", "architekturmarkt"],
        "Beratungssalon im Frühjahr: jetzt Themen vorschlagen",
        "Gemeinsam mit dem Kulturbüro planen wir die nächsten Beratungssalons. Welche "
        "Fragen sollen Expertinnen und Experten beantworten?",
        "Ob Honorarkalkulation, Künstlersozialkasse oder Förderanträge: Schreiben Sie uns, "
        "welche Themen Sie beschäftigen. Die Salons sind kostenfrei und offen für alle "
        "Kreativen aus Dresden und Umgebung.",
    ),
    (
        "leipzig",
        9,
        ["musikwirtschaft", "rundfunkwirtschaft"],
        "Zwischennutzung im Leipziger Westen: Räume für Kreative",
        "Ein ehemaliges Fabrikgebäude wird für zwei Jahre zum Arbeitsort für Kreative. "
        "Bewerbungen sind bis Ende des Monats möglich.",
        "Die Eigentümerin stellt Ateliers und Proberäume zu günstigen Konditionen bereit. "
        "Wir begleiten die Vergabe und vermitteln zwischen Nutzerinnen, Verwaltung und "
        "Eigentümerin.",
    ),
    (
        "chemnitz",
        14,
        ["darstellende-kuenste", "kunstmarkt"],
        "Kulturhauptstadt-Nachlese: was bleibt für die Kreativen",
        "Ein Jahr nach dem Kulturhauptstadtjahr ziehen wir Bilanz: neue Orte, neue Netzwerke "
        "und offene Fragen.",
        "Viele Projekte laufen weiter, einige Räume sind geblieben. Wir sammeln Erfahrungen "
        "unserer Mitglieder und laden zum Austausch ein.",
    ),
    (
        "landesverband",
        21,
        [],
        "Stellungnahme zum Landeshaushalt",
        "Der Landesverband fordert verlässliche Förderprogramme für kleine Kreativunternehmen "
        "und Soloselbstständige.",
        "Wir haben unsere Stellungnahme an den Ausschuss übergeben. Im Mittelpunkt: "
        "Mikroförderung, Beratung und der Zugang zu bezahlbaren Räumen.",
    ),
    (
        "dresden",
        30,
        ["software-games"],
        "Games-Stammtisch zieht in neue Räume",
        "Der monatliche Treff der Dresdner Spieleentwicklerinnen und -entwickler hat ein "
        "neues Zuhause gefunden.",
        "Ab sofort treffen wir uns im Coworking-Space in der Neustadt. Gäste sind willkommen.",
    ),
    (
        "leipzig",
        45,
        ["buchmarkt", "pressemarkt"],
        "Buchmesse-Nachlese: Leipziger Verlage sichtbar wie nie",
        "Unabhängige Verlage aus Leipzig haben sich auf der Messe einen Gemeinschaftsstand "
        "geteilt. Ein Rückblick.",
        "Zwölf Verlage, drei Lesebühnen und viele neue Kontakte: Der Gemeinschaftsstand hat "
        "sich gelohnt. Wir planen die nächste Ausgabe.",
    ),
    (
        "chemnitz",
        -3,
        [],
        "Vorschau: Jahresempfang der Chemnitzer Kreativen",
        "Diese Meldung ist geplant und erscheint erst in drei Tagen.",
        "Geplante Meldungen zeigen, wie die Veröffentlichung mit Datum funktioniert.",
    ),
]

# (kind, title, days ago, evidence, description)
SUCCESSES = [
    (
        SuccessReport.Kind.NOMINATION,
        "Nominiert für den Bundespreis Ecodesign",
        12,
        "https://www.bundespreis-ecodesign.de/",
        "Unser Mehrwegsystem für Versandverpackungen steht in der Kategorie Produkt auf der "
        "Shortlist.",
    ),
    (
        SuccessReport.Kind.AWARD,
        "Auszeichnung beim Deutschen Computerspielpreis",
        20,
        "https://deutscher-computerspielpreis.de/",
        "Unser Lernspiel wurde als bestes Serious Game ausgezeichnet.",
    ),
    (
        SuccessReport.Kind.EXHIBITION,
        "Einzelausstellung im Kunstverein",
        33,
        "https://example.org/ausstellung",
        "Sechs Wochen lang zeigen wir neue Arbeiten auf Papier und Keramik.",
    ),
    (
        SuccessReport.Kind.LAUNCH,
        "Neues Album erschienen",
        40,
        "https://example.org/album",
        "Nach zwei Jahren im Studio ist unser drittes Album auf Vinyl und digital erschienen.",
    ),
    (
        SuccessReport.Kind.PRESS,
        "Porträt in der Regionalzeitung",
        52,
        "https://example.org/presse",
        "Die Zeitung hat unsere Werkstatt und unser Ausbildungsprojekt vorgestellt.",
    ),
    (
        SuccessReport.Kind.PROJECT,
        "Leitsystem für das neue Stadtmuseum",
        60,
        "https://example.org/projekt",
        "Wir haben das Leitsystem und die Ausstellungsgrafik gestaltet.",
    ),
]
PENDING_SUCCESSES = 2


def create_demo_news(now=None, *, with_images=True):
    """Articles for every association (one scheduled), two of them with an image."""
    now = now or timezone.now()
    associations = {a.slug: a for a in Association.objects.all()}
    submarkets = {s.slug: s for s in Submarket.objects.all()}
    created = []
    for index, (slug, days_ago, submarket_slugs, title, teaser, body) in enumerate(NEWS):
        article = NewsItem(
            association=associations[slug],
            title=title,
            teaser=teaser,
            body=body,
            status=NewsItem.Status.PUBLISHED,
            publish_at=now - datetime.timedelta(days=days_ago, hours=index),
        )
        if with_images and index < 2:
            article.image.save(
                f"demo-news-{index}.webp",
                ContentFile(
                    render_artwork(submarket_slugs[0] if submarket_slugs else "sonstige", title)
                ),
                save=False,
            )
            article.image_alt = "Abstrakte Grafik aus Kreisen und Balken (Platzhalterbild)"
        article.save()
        article.submarkets.set([submarkets[s] for s in submarket_slugs if s in submarkets])
        created.append(article)
    return created


def create_demo_success_reports(seed=2026, now=None):
    """Approved reports on published profiles, and a few waiting in the moderation queue."""
    now = now or timezone.now()
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    profiles = list(Profile.objects.listed().order_by("pk")[:200])
    if not profiles:
        return []
    chosen = rng.sample(profiles, min(len(profiles), len(SUCCESSES) + PENDING_SUCCESSES))
    created = []
    for index, profile in enumerate(chosen):
        kind, title, days_ago, evidence, description = SUCCESSES[index % len(SUCCESSES)]
        pending = index >= len(SUCCESSES)
        report = SuccessReport.objects.create(
            profile=profile,
            kind=kind,
            title=title,
            achieved_on=(now - datetime.timedelta(days=days_ago + 3)).date(),
            evidence_url=evidence,
            description=description,
            status=SuccessReport.Status.PENDING if pending else SuccessReport.Status.APPROVED,
            published_at=None if pending else now - datetime.timedelta(days=days_ago),
            submitted_by=profile.owners.first(),
        )
        created.append(report)
    return created
