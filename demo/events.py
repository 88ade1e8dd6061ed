"""German demo events for local development: a season of the associations' programme.

Dates are relative to today (a few events are over, most lie ahead), so the lists always
look lived-in. A seed always yields the same events; the UIDs come from it too, which makes
a second run add nothing.
"""

import datetime as dt
import random
import uuid
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from sparten.models import Submarket
from veranstaltungen.models import Event
from verbaende.models import Association

DEFAULT_SEED = 2026
Kind = Event.Kind
Access = Event.Accessibility

WIRKBAU = ("Wirkbau", "Annaberger Straße 73", "09111", "Chemnitz")
ZENTRALWERK = ("Zentralwerk", "Riesaer Straße 32", "01127", "Dresden")
KULTURBUERO = ("Kulturbüro Dresden", "Königsbrücker Straße 96", "01099", "Dresden")
SPINNEREI = ("Baumwollspinnerei, Halle 14", "Spinnereistraße 7", "04179", "Leipzig")
WESTWERK = ("Westwerk", "Karl-Heine-Straße 85", "04229", "Leipzig")
KUEHLHAUS = ("Kühlhaus Görlitz", "Am Bahnhof Weinhübel 2", "02827", "Görlitz")
ONLINE = None


@dataclass
class DemoEvent:
    association: str
    kind: str
    title: str
    teaser: str
    description: str
    days_from_today: int
    start: tuple[int, int]
    hours: float
    venue: tuple | None
    submarkets: list[str] = field(default_factory=list)
    accessibility: str = Access.STEP_FREE
    accessibility_note: str = ""
    registration_url: str = ""
    registration_note: str = ""
    status: str = Event.Status.PUBLISHED
    is_cancelled: bool = False
    days_long: int = 0


EVENTS = [
    DemoEvent(
        "dresden",
        Kind.CONSULTATION_SALON,
        "Beratungssalon mit dem Kulturbüro Dresden",
        "Fragen zu Förderung, Gründung und Finanzierung? Im Beratungssalon nehmen sich "
        "Fachleute des Kulturbüros Dresden Zeit für Ihr Vorhaben.",
        "Einmal im Monat öffnet der **Beratungssalon** seine Türen. Sie bringen Ihre Idee "
        "oder Ihr Problem mit, wir bringen Erfahrung aus Hunderten Beratungen mit.\n\n"
        "Themen sind zum Beispiel:\n\n"
        "- Förderprogramme der Stadt, des Freistaats und des Bundes\n"
        "- Gründung und Rechtsform\n"
        "- Honorare kalkulieren und Angebote schreiben\n\n"
        "Die Gespräche dauern jeweils 30 Minuten und sind vertraulich.",
        9,
        (16, 0),
        3,
        KULTURBUERO,
        ["sonstige", "designwirtschaft"],
        Access.STEP_FREE,
        "Aufzug im Haus, barrierefreies WC im Erdgeschoss.",
        "https://www.example.org/beratungssalon-dresden",
        "Bitte buchen Sie einen Termin; spontane Besuche sind möglich, solange Zeit ist.",
    ),
    DemoEvent(
        "leipzig",
        Kind.NETWORKING,
        "Netzwerktreffen Kreatives Leipzig im Westwerk",
        "Das offene Treffen für alle, die in Leipzig gestalten, produzieren oder "
        "veröffentlichen: kurze Vorstellungsrunde, Getränke, Gespräche.",
        "Beim **Netzwerktreffen** lernen Sie Kolleginnen und Kollegen aus allen Teilmärkten "
        "kennen. Drei Mitglieder stellen in je fünf Minuten ein aktuelles Projekt vor, "
        "danach ist Zeit für Gespräche.\n\nMitglieder und Gäste sind gleichermaßen willkommen.",
        16,
        (18, 30),
        3,
        WESTWERK,
        ["designwirtschaft", "musikwirtschaft", "software-games"],
        Access.PARTLY,
        "Der Saal ist ebenerdig erreichbar, das WC liegt im ersten Stock ohne Aufzug.",
        "",
        "Keine Anmeldung nötig.",
    ),
    DemoEvent(
        "landesverband",
        Kind.WORKSHOP,
        "Urheberrecht für Kreative",
        "Wem gehören Entwurf, Foto und Song? Ein Workshop über Nutzungsrechte, Lizenzen "
        "und Verträge, mit vielen Beispielen aus der Praxis.",
        "Die Rechtsanwältin Dr. Katrin Albrecht erklärt, was Kreative über das "
        "**Urheberrecht** wissen sollten:\n\n"
        "1. Was ist geschützt, was nicht?\n"
        "2. Nutzungsrechte einräumen: einfach, ausschließlich, zeitlich begrenzt\n"
        "3. Typische Fallen in Agentur- und Verlagsverträgen\n"
        "4. KI-generierte Inhalte und das Urheberrecht\n\n"
        "Bringen Sie gern eigene Verträge mit (geschwärzt).",
        23,
        (10, 0),
        6,
        ZENTRALWERK,
        ["designwirtschaft", "buchmarkt", "musikwirtschaft", "kunstmarkt"],
        Access.STEP_FREE,
        "",
        "https://www.example.org/workshop-urheberrecht",
        "Teilnahme für Mitglieder kostenfrei, für Gäste 40 €. Höchstens 20 Plätze.",
    ),
    DemoEvent(
        "chemnitz",
        Kind.EXHIBITION,
        "Ausstellung „Gemacht in Chemnitz“",
        "Produktdesign, Grafik und Mode aus Chemnitz und dem Erzgebirge: zwei Wochen lang "
        "zeigen 25 Mitglieder ihre Arbeiten im Wirkbau.",
        "Die Ausstellung **„Gemacht in Chemnitz“** zeigt, was die Region gestaltet: vom "
        "Holzspielzeug über Leuchten bis zur Kollektion junger Modelabels.\n\n"
        "Zur Eröffnung sprechen die Vorsitzende von Kreatives Chemnitz und die "
        "Kulturbürgermeisterin.",
        30,
        (11, 0),
        7,
        WIRKBAU,
        ["designwirtschaft", "kunstmarkt"],
        Access.STEP_FREE,
        "Alle Ausstellungsräume sind stufenlos erreichbar.",
        "",
        "Eintritt frei, keine Anmeldung nötig.",
        days_long=13,
    ),
    DemoEvent(
        "landesverband",
        Kind.CONSULTATION,
        "Online-Sprechstunde: Förderung für Kreative in Sachsen",
        "In der Online-Sprechstunde beantworten wir Ihre Fragen zu Förderprogrammen, "
        "Stipendien und Zuschüssen in Sachsen.",
        "Einmal im Monat bietet der Landesverband eine offene **Online-Sprechstunde** an. "
        "Sie schalten sich zu, stellen Ihre Frage im Chat oder per Mikrofon und bekommen "
        "eine erste Einschätzung.",
        5,
        (17, 0),
        1.5,
        ONLINE,
        ["sonstige"],
        Access.UNKNOWN,
        "Automatische Untertitel sind eingeschaltet.",
        "https://www.example.org/sprechstunde",
        "Bitte melden Sie sich bis zum Vortag an; Sie erhalten dann den Zugangslink.",
    ),
    DemoEvent(
        "dresden",
        Kind.COOPERATION,
        "Kreativwirtschaft trifft Handwerk",
        "Gemeinsam mit der Handwerkskammer Dresden bringen wir Gestalterinnen, Tischler, "
        "Goldschmiedinnen und Agenturen zusammen.",
        "Eine **Kooperationsveranstaltung** mit der Handwerkskammer Dresden: In kurzen "
        "Runden lernen sich Handwerksbetriebe und Kreative kennen und loten gemeinsame "
        "Projekte aus.",
        37,
        (15, 0),
        4,
        ZENTRALWERK,
        ["designwirtschaft", "architekturmarkt"],
        Access.STEP_FREE,
        "",
        "https://www.example.org/kreativwirtschaft-handwerk",
        "",
    ),
    DemoEvent(
        "leipzig",
        Kind.WORKSHOP,
        "Workshop: Honorare kalkulieren",
        "Wie viel muss ich verlangen? Ein praktischer Workshop über Stundensätze, "
        "Nebenkosten, Steuern und Rücklagen.",
        "Viele Kreative arbeiten unter Wert. In diesem **Workshop** rechnen Sie Ihren "
        "eigenen Stundensatz aus und üben, ihn im Gespräch zu vertreten.",
        44,
        (10, 0),
        5,
        SPINNEREI,
        ["designwirtschaft", "werbemarkt", "filmwirtschaft"],
        Access.NOT_STEP_FREE,
        "Der Raum liegt im zweiten Stock ohne Aufzug. Bitte sprechen Sie uns an, wir "
        "finden eine Lösung.",
        "https://www.example.org/honorare",
        "Bitte Laptop oder Taschenrechner mitbringen.",
    ),
    DemoEvent(
        "chemnitz",
        Kind.NETWORKING,
        "Kreativstammtisch Chemnitz",
        "Der monatliche Stammtisch für Kreative in Chemnitz: diesmal mit Blick auf die "
        "Projekte nach dem Kulturhauptstadtjahr.",
        "Locker, offen, ohne Programm: Beim **Kreativstammtisch** tauschen sich Mitglieder "
        "und Interessierte über Aufträge, Räume und Ideen aus.",
        12,
        (19, 0),
        3,
        WIRKBAU,
        ["sonstige", "darstellende-kuenste"],
        Access.STEP_FREE,
        "",
        "",
        "Keine Anmeldung nötig.",
    ),
    DemoEvent(
        "landesverband",
        Kind.NETWORKING,
        "Jahrestreffen der Kreativwirtschaft in der Lausitz",
        "Das Jahrestreffen für Kreative aus Görlitz, Bautzen und Zittau: Vorträge, "
        "Projektvorstellungen und ein Abend im Kühlhaus.",
        "Zum **Jahrestreffen** lädt der Landesverband alle Kreativen der Oberlausitz ein. "
        "Am Nachmittag stellen Mitglieder Projekte vor, die Stadt Görlitz berichtet über "
        "neue Räume für Kreative; am Abend spielt eine Band aus Zittau.",
        58,
        (14, 0),
        8,
        KUEHLHAUS,
        ["designwirtschaft", "musikwirtschaft", "darstellende-kuenste", "sonstige"],
        Access.PARTLY,
        "Das Erdgeschoss ist stufenlos, der Vortragssaal hat eine Rampe.",
        "https://www.example.org/jahrestreffen-lausitz",
        "Anmeldung bis eine Woche vorher; Übernachtung auf Wunsch.",
    ),
    DemoEvent(
        "dresden",
        Kind.WORKSHOP,
        "Barrierefreie Websites gestalten",
        "Kontraste, Überschriften, Alternativtexte: ein Workshop für Gestalterinnen und "
        "Entwickler, die barrierearme Websites bauen wollen.",
        "Seit 2025 gilt das Barrierefreiheitsstärkungsgesetz. Im **Workshop** prüfen Sie "
        "eigene Entwürfe mit einfachen Werkzeugen und lernen die wichtigsten Regeln der "
        "WCAG kennen.",
        51,
        (9, 30),
        7,
        ONLINE,
        ["software-games", "designwirtschaft"],
        Access.UNKNOWN,
        "Gebärdensprachdolmetschung auf Anfrage.",
        "https://www.example.org/barrierefrei",
        "",
    ),
    DemoEvent(
        "leipzig",
        Kind.EXHIBITION,
        "Werkschau Leipziger Illustration",
        "Zwanzig Illustratorinnen und Illustratoren aus Leipzig zeigen Originale, Skizzen "
        "und Bücher in der Spinnerei.",
        "Die **Werkschau** ist an drei Tagen geöffnet. Am Samstag führen die Künstlerinnen "
        "und Künstler selbst durch die Ausstellung.",
        65,
        (12, 0),
        6,
        SPINNEREI,
        ["designwirtschaft", "buchmarkt", "kunstmarkt"],
        Access.STEP_FREE,
        "",
        "",
        "Eintritt frei.",
        days_long=2,
    ),
    DemoEvent(
        "chemnitz",
        Kind.COOPERATION,
        "Gründungstag Kreativwirtschaft mit der TU Chemnitz",
        "Gründerinnen und Gründer aus Hochschule und Kreativwirtschaft stellen sich vor; "
        "Beraterinnen und Banken stehen für Fragen bereit.",
        "Ein **Kooperationstag** mit dem Gründernetzwerk der TU Chemnitz.",
        -20,
        (13, 0),
        5,
        WIRKBAU,
        ["software-games", "designwirtschaft"],
        Access.STEP_FREE,
        "",
        "",
        "",
    ),
    DemoEvent(
        "leipzig",
        Kind.CONSULTATION_SALON,
        "Beratungssalon Leipzig: Räume finden",
        "Atelier, Studio oder Werkstatt gesucht? Im Beratungssalon geht es um Mietverträge, "
        "Zwischennutzung und gemeinsame Räume.",
        "Im **Beratungssalon** beraten Fachleute der Stadt Leipzig und erfahrene Mitglieder.",
        -45,
        (17, 0),
        2,
        WESTWERK,
        ["sonstige", "architekturmarkt"],
        Access.PARTLY,
        "",
        "",
        "",
    ),
    DemoEvent(
        "dresden",
        Kind.CONSULTATION,
        "Sprechstunde Künstlersozialkasse",
        "Wer muss in die Künstlersozialkasse, wer darf? Antworten auf die häufigsten "
        "Fragen, auch zu Beiträgen und Nachweisen.",
        "Eine **Sprechstunde** mit einer Beraterin, die seit vielen Jahren Kreative bei der "
        "Aufnahme in die Künstlersozialkasse begleitet.",
        -90,
        (16, 0),
        2,
        KULTURBUERO,
        ["kunstmarkt", "musikwirtschaft", "pressemarkt"],
        Access.STEP_FREE,
        "",
        "",
        "",
    ),
    DemoEvent(
        "chemnitz",
        Kind.WORKSHOP,
        "Fotografie für Social Media",
        "Bessere Bilder mit dem Smartphone: Licht, Bildaufbau und schnelle Bearbeitung für "
        "die eigenen Kanäle.",
        "Ein **Workshop** für alle, die ihre Arbeiten selbst fotografieren.",
        19,
        (10, 0),
        4,
        WIRKBAU,
        ["designwirtschaft", "werbemarkt"],
        Access.STEP_FREE,
        "",
        "https://www.example.org/fotografie-workshop",
        "",
        is_cancelled=True,
    ),
    DemoEvent(
        "landesverband",
        Kind.WORKSHOP,
        "Künstliche Intelligenz im Kreativbüro",
        "Noch in Planung: Wie Kreative KI-Werkzeuge sinnvoll und rechtssicher einsetzen.",
        "Der Entwurf für den Workshop im Herbst.",
        120,
        (10, 0),
        6,
        ZENTRALWERK,
        ["software-games", "designwirtschaft"],
        status=Event.Status.DRAFT,
    ),
]


def create_demo_events(seed=DEFAULT_SEED, *, now=None):
    """Create the demo events that do not exist yet; returns how many were created."""
    rng = random.Random(seed)  # noqa: S311 - demo content, not security
    today = timezone.localdate(now)
    associations = {association.slug: association for association in Association.objects.all()}
    submarkets = {submarket.slug: submarket for submarket in Submarket.objects.all()}
    created = 0
    with transaction.atomic():
        for demo in EVENTS:
            uid = uuid.UUID(int=rng.getrandbits(128), version=4)
            # Drawn for every event, so that skipping one does not shift the others.
            minutes = rng.choice((0, 0, 15, 30))
            if Event.objects.filter(uid=uid).exists():
                continue
            event = _build(demo, associations, today, minutes, uid)
            event.full_clean()
            event.save()
            event.submarkets.set(
                [submarkets[slug] for slug in demo.submarkets if slug in submarkets]
            )
            created += 1
    return created


def _build(demo, associations, today, minutes, uid):
    day = today + dt.timedelta(days=demo.days_from_today)
    hour, minute = demo.start
    starts_at = timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))
    if minute == 0:
        starts_at += dt.timedelta(minutes=minutes)
    ends_at = starts_at + dt.timedelta(days=demo.days_long, hours=demo.hours)
    venue_name, street_address, postal_code, city = demo.venue or ("", "", "", "")
    return Event(
        uid=uid,
        association=associations[demo.association],
        kind=demo.kind,
        title=demo.title,
        teaser=demo.teaser,
        description=demo.description,
        starts_at=starts_at,
        ends_at=ends_at,
        is_online=demo.venue is None,
        venue_name=venue_name,
        street_address=street_address,
        postal_code=postal_code,
        city=city,
        online_url="https://meet.example.org/kreativ-sachsen" if demo.venue is None else "",
        accessibility=demo.accessibility,
        accessibility_note=demo.accessibility_note,
        registration_url=demo.registration_url,
        registration_note=demo.registration_note,
        status=demo.status,
        is_cancelled=demo.is_cancelled,
    )
