"""Benchmark the Raumbörse list.

Issue 15's bar: /raeume/ answers in at most 40 ms p95 with 20 000 listings on PostgreSQL.
Seeds listings (bulk_create: offers and requests of every kind across Saxony's places, most
published, some pending, taken or expired, with features and wanted districts) until the
database holds --listings of them, then requests each scenario through Django's test client
and prints SQL queries per request, server time p50/p95 and HTML size, with the method and
settings of bench/directory.py (whose `measure` this reuses; no page cache).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kreativ_bench \\
        uv run python bench/raeume.py --listings 20000
"""

import argparse
import datetime
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

# Sets Django up (settings for the benchmark) before any model is imported.
from bench.directory import measure
from kern.page_cache import PAGES_VERSION
from konten.models import User
from raeume.models import Feature, Listing
from verbaende.models import District, Municipality

POSTERS = 500
BATCH = 2000
WORDS = ["Helles", "Ruhiges", "Großes", "Kleines", "Günstiges", "Zentrales", "Altes", "Neues"]


def _posters():
    existing = list(User.objects.filter(email__startswith="bench-poster-"))
    if len(existing) >= POSTERS:
        return existing
    User.objects.bulk_create(
        [
            User(email=f"bench-poster-{number}@example.org", full_name=f"Vermieter {number}")
            for number in range(len(existing), POSTERS)
        ]
    )
    return list(User.objects.filter(email__startswith="bench-poster-"))


def _listing(rng, number, posters, places, today, now):
    kind = rng.choice(Listing.SpaceKind.values)
    is_offer = rng.random() < 0.7
    place = rng.choice(places)
    roll = rng.random()
    status = Listing.Status.PUBLISHED if roll < 0.9 else Listing.Status.PENDING
    expires_on = today + datetime.timedelta(days=rng.randint(-30, 90))
    published = now - datetime.timedelta(days=rng.randint(0, 120), minutes=number % 997)
    row = Listing(
        listing_type=Listing.ListingType.OFFER if is_offer else Listing.ListingType.REQUEST,
        space_kind=kind,
        title=f"{rng.choice(WORDS)} {Listing.SpaceKind(kind).label} {number}",
        description="Ein Raum für kreatives Arbeiten. " * rng.randint(1, 6),
        poster=rng.choice(posters),
        poster_name="Hausverwaltung",
        municipality=place,
        postal_code="0" + str(1000 + number % 8999),
        status=status,
        submitted_at=published,
        published_at=published if status == Listing.Status.PUBLISHED else None,
        expires_on=expires_on if status == Listing.Status.PUBLISHED else None,
        taken_at=now if rng.random() < 0.1 else None,
        available_from=today + datetime.timedelta(days=rng.randint(-60, 120)),
    )
    if is_offer:
        row.size_m2 = rng.randint(8, 800)
        row.price_unit = rng.choices(Listing.PriceUnit.values, weights=[70, 10, 10, 10])[0]
        if row.price_unit != Listing.PriceUnit.FREE:
            row.price = Decimal(rng.randint(50, 4000))
    else:
        low = rng.randint(10, 200)
        row.size_min_m2, row.size_max_m2 = low, low + rng.randint(10, 300)
        row.max_price = Decimal(rng.randint(100, 3000))
    return row


def seed(target):
    existing = Listing.objects.count()
    if existing >= target:
        print(f"{existing} listings present; nothing to seed.")
        return
    started = time.perf_counter()
    rng = random.Random(existing + 1)
    posters = _posters()
    places = list(Municipality.objects.select_related("district"))
    districts = list(District.objects.values_list("pk", flat=True))
    features = list(Feature.objects.values_list("pk", flat=True))
    today, now = timezone.localdate(), timezone.now()
    feature_link = Listing.features.through
    district_link = Listing.wanted_districts.through
    with transaction.atomic():
        for first in range(existing, target, BATCH):
            rows = Listing.objects.bulk_create(
                [
                    _listing(rng, number, posters, places, today, now)
                    for number in range(first, min(first + BATCH, target))
                ]
            )
            feature_link.objects.bulk_create(
                feature_link(listing_id=row.pk, feature_id=feature)
                for row in rows
                for feature in rng.sample(features, rng.randint(0, min(4, len(features))))
            )
            district_link.objects.bulk_create(
                district_link(listing_id=row.pk, district_id=district)
                for row in rows
                if not row.is_offer
                for district in rng.sample(districts, rng.randint(0, 3))
            )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    print(f"Seeded {target - existing} listings in {time.perf_counter() - started:.1f} s.")


SCENARIOS = [
    ("unfiltered", "/raeume/"),
    ("kind + district", "/raeume/?raum=studio&kreis=leipzig"),
    ("offers, kind + district", "/raeume/?art=angebot&raum=office&kreis=dresden"),
    ("size range", "/raeume/?ab=40&bis=120"),
    ("price + size", "/raeume/?preis=500&ab=20"),
    ("sorted by price", "/raeume/?sortierung=preis"),
    ("feature", "/raeume/?ausstattung=barrierefrei"),
    ("page 50", "/raeume/?seite=50"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listings", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=60, help="requests per scenario")
    arguments = parser.parse_args()

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    seed(arguments.listings)
    client = Client()
    available = Listing.objects.available().count()
    print(
        f"\n{connection.vendor}, {Listing.objects.count()} listings ({available} available), "
        f"{arguments.repeat} requests per scenario\n"
    )
    print(
        f"{'scenario':<26} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8} {'HTML kB':>8}"
        f"   fresh: {'queries':>7} {'p50 ms':>8} {'p95 ms':>8}"
    )
    for name, url in SCENARIOS:
        cached = measure(client, [url], arguments.repeat)
        # Fresh: every request counts again, as the first visitor after any change does.
        fresh = measure(client, [url], arguments.repeat, fresh_counts=True, version=PAGES_VERSION)
        print(
            f"{name:<26} {cached['queries']:>7} {cached['p50']:>8.1f} {cached['p95']:>8.1f} "
            f"{cached['bytes'] / 1024:>8.1f}          {fresh['queries']:>7} "
            f"{fresh['p50']:>8.1f} {fresh['p95']:>8.1f}"
        )


if __name__ == "__main__":
    main()
