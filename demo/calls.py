"""Demo calls for the Kooperationsbörse: a few members seek partners or offer something,
in their place or for all of Saxony, some with a deadline."""

import datetime
import random

from django.utils import timezone

from kooperationen.models import Call
from mitglieder.models import Profile
from teilmaerkte.models import Submarket

# (direction, title, description, Teilmarkt slugs, in the member's place?, deadline in days)
CALLS = [
    (
        Call.Direction.SEEKING,
        "Suchen Sounddesign für eine Museums-App",
        "Für ein Industriemuseum entwickeln wir eine App mit Hörstationen. Wir suchen eine "
        "Sounddesignerin oder einen Sounddesigner, die Lust auf Maschinenklänge haben.",
        ["musikwirtschaft", "software-games"],
        True,
        45,
    ),
    (
        Call.Direction.OFFERING,
        "Bieten Siebdruckwerkstatt für Gemeinschaftsprojekte",
        "Unsere Werkstatt hat an zwei Tagen pro Woche freie Zeiten. Wir suchen Projekte aus "
        "Design und Kunst, die wir gemeinsam drucken.",
        ["designwirtschaft", "kunstmarkt"],
        True,
        None,
    ),
    (
        Call.Direction.SEEKING,
        "Partner für eine Wanderausstellung durch Sachsen",
        "Eine Ausstellung über Handwerk und Gestaltung soll 2027 durch sechs Städte reisen. "
        "Gesucht: Ausstellungsbau, Grafik und Vermittlung.",
        ["designwirtschaft", "architekturmarkt"],
        False,
        60,
    ),
    (
        Call.Direction.OFFERING,
        "Bieten Lektorat und Satz für kleine Verlage",
        "Wir haben Kapazitäten für zwei Buchprojekte im Frühjahr und freuen uns über "
        "Anfragen aus ganz Sachsen.",
        ["buchmarkt"],
        False,
        None,
    ),
    (
        Call.Direction.SEEKING,
        "Kamerateam für einen Dokumentarfilm gesucht",
        "Für einen Dokumentarfilm über Chöre in der Lausitz suchen wir Kamera und Ton für "
        "zehn Drehtage im Sommer.",
        ["filmwirtschaft"],
        True,
        30,
    ),
]


def create_demo_calls(seed=2026, now=None):
    today = timezone.localdate(now)
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    profiles = list(Profile.objects.listed().order_by("pk")[:200])
    if not profiles:
        return []
    submarkets = {s.slug: s for s in Submarket.objects.all()}
    created = []
    chosen = rng.sample(profiles, min(len(profiles), len(CALLS)))
    for profile, entry in zip(chosen, CALLS, strict=False):
        direction, title, description, slugs, local, deadline_days = entry
        call = Call(
            profile=profile,
            author=profile.owners.first(),
            direction=direction,
            title=title,
            description=description,
            municipality=profile.municipality if local else None,
            deadline=today + datetime.timedelta(days=deadline_days) if deadline_days else None,
        )
        call.start_lifetime(today)
        call.save()
        call.submarkets.set([submarkets[slug] for slug in slugs if slug in submarkets])
        created.append(call)
    return created
