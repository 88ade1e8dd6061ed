"""Benchmark the weekly alert digest: 10 000 confirmed weekly subscribers, 500 new items.

Seeds (into the configured database, migrated if needed) at least --profiles published
profiles, then 500 new items published during the last week (profiles, news, success
reports, events, spaces, calls; earlier bench items are replaced) and --subscribers
addresses with one to three weekly subscriptions each of mixed kinds and criteria (members
alerts in 60 filter states, searches included), all due for their digest. Then it prepares
the digests (benachrichtigungen.sending.run_weekly) and prints the time, the mails and
the queries; checks that no subscriber got more than one mail and that a second run
prepares none; and removes its subscribers, mails and delivery tasks again.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kreativ_bench \\
        uv run --frozen python bench/alerts.py [--subscribers 10000] [--items 500]

Settings are production's (DEBUG off, the database task queue): "prepared" is the run's
own transaction (matching, composing, the bulk insert into the outbox); "handed over"
adds enqueuing one delivery task per mail after the commit.
"""

import argparse
import cProfile
import datetime
import os
import pstats
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kreativ_sachsen.settings")
os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("SITE_URL", "https://kreativ-sachsen.example")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_tasks_db.models import DBTaskResult  # noqa: E402

from aktuelles.models import NewsItem, SuccessReport  # noqa: E402
from benachrichtigungen.models import Subscriber, Subscription, address_key  # noqa: E402
from benachrichtigungen.sending import run_weekly  # noqa: E402
from bench.seed import seed_profiles  # noqa: E402
from konten.models import User  # noqa: E402
from kooperationen.models import Call  # noqa: E402
from mitglieder.models import Profile  # noqa: E402
from postausgang.models import OutgoingMail  # noqa: E402
from postausgang.tasks import deliver_mail  # noqa: E402
from raeume.models import Listing  # noqa: E402
from teilmaerkte.models import Discipline, Submarket  # noqa: E402
from veranstaltungen.models import Event  # noqa: E402
from verbaende.models import Association, District, Municipality  # noqa: E402

BENCH = "[Bench]"
DOMAIN = "alerts-bench.invalid"
Kind = Subscription.Kind


def ensure_profiles(count):
    existing = Profile.objects.listed().count()
    if existing < count:
        seed_profiles(count - existing, seed=existing + 1)


def clean():
    Subscriber.objects.filter(email_key__endswith="@" + DOMAIN).delete()
    NewsItem.objects.filter(title__startswith=BENCH).delete()
    Event.objects.filter(title__startswith=BENCH).delete()
    Listing.objects.filter(title__startswith=BENCH).delete()
    Call.objects.filter(title__startswith=BENCH).delete()
    SuccessReport.objects.filter(title__startswith=BENCH).delete()


def seed_items(total, rng, now):
    """`total` items published during the last week, about 40 % of them new profiles."""
    week = [now - datetime.timedelta(minutes=rng.randrange(10, 7 * 24 * 60)) for _ in range(total)]
    shares = {"profiles": 0.4, "news": 0.15, "reports": 0.1, "events": 0.1, "spaces": 0.15}
    counts = {name: int(total * share) for name, share in shares.items()}
    counts["calls"] = total - sum(counts.values())
    moments = iter(week)

    profiles = list(Profile.objects.listed().order_by("?").values_list("pk", flat=True)[:2000])
    for pk in profiles[: counts["profiles"]]:
        Profile.objects.filter(pk=pk).update(published_at=next(moments))

    associations = list(Association.objects.all())
    submarkets = list(Submarket.objects.all())
    for n in range(counts["news"]):
        item = NewsItem.objects.create(
            association=rng.choice(associations),
            title=f"{BENCH} Meldung {n}",
            teaser="Neues aus der Kreativwirtschaft.",
            status=NewsItem.Status.PUBLISHED,
            publish_at=next(moments),
        )
        item.submarkets.set(rng.sample(submarkets, 2))
    for n in range(counts["reports"]):
        moment = next(moments)
        SuccessReport.objects.create(
            profile_id=rng.choice(profiles),
            kind="award",
            title=f"{BENCH} Preis {n}",
            achieved_on=moment.date(),
            evidence_url="https://example.org/preis",
            status=SuccessReport.Status.APPROVED,
            published_at=moment,
        )
    events = []
    for n in range(counts["events"]):
        starts = now + datetime.timedelta(days=rng.randrange(3, 60))
        events.append(
            Event(
                association=rng.choice(associations),
                title=f"{BENCH} Veranstaltung {n}",
                slug=f"bench-veranstaltung-{n}",
                kind=rng.choice(Event.Kind.values),
                teaser="Ein Abend für Kreative.",
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=2),
                status=Event.Status.PUBLISHED,
            )
        )
    Event.objects.bulk_create(events)
    Event.objects.filter(title__startswith=BENCH).update(created_at=next(moments))

    poster, _created = User.objects.get_or_create(
        email="raeume-bench@" + DOMAIN, defaults={"full_name": "Bench"}
    )
    places = list(Municipality.objects.all())
    for n in range(counts["spaces"]):
        listing = Listing(
            listing_type=rng.choice(Listing.ListingType.values),
            space_kind=rng.choice(Listing.SpaceKind.values),
            title=f"{BENCH} Raum {n}",
            description="Hell und ruhig.",
            poster=poster,
            size_m2=rng.randrange(10, 300),
            price=rng.randrange(0, 1500),
            price_unit=rng.choice(Listing.PriceUnit.values),
            municipality=rng.choice(places),
            postal_code="01067",
            status=Listing.Status.PUBLISHED,
            published_at=next(moments),
        )
        listing.start_lifetime()
        listing.save()
    for n in range(counts["calls"]):
        call = Call(
            direction=Call.Direction.SEEKING,
            title=f"{BENCH} Aufruf {n}",
            description="Wir suchen Partner.",
            profile_id=rng.choice(profiles),
            published_at=next(moments),
        )
        call.start_lifetime()
        call.save()
        call.submarkets.set(rng.sample(submarkets, rng.randrange(1, 3)))
    return counts


def member_states(rng):
    """60 directory filter states, as people would subscribe to them."""
    disciplines = list(Discipline.objects.values_list("slug", flat=True))
    districts = list(District.objects.values_list("slug", flat=True))
    submarkets = list(Submarket.objects.values_list("slug", flat=True))
    states = []
    for n in range(60):
        choice = n % 4
        if choice == 0:
            states.append(f"disziplin={rng.choice(disciplines)}&kreis={rng.choice(districts)}")
        elif choice == 1:
            states.append(f"teilmarkt={rng.choice(submarkets)}")
        elif choice == 2:
            states.append(f"kreis={rng.choice(districts)}&art=person")
        else:
            states.append(f"q={rng.choice(['Fotografie', 'Design', 'Musik', 'Verlag', 'Film'])}")
    return states


def vocabulary():
    return {
        "associations": list(Association.objects.values_list("slug", flat=True)),
        "submarkets": list(Submarket.objects.values_list("slug", flat=True)),
        "districts": list(District.objects.values_list("slug", flat=True)),
    }


def criteria(kind, rng, states, slugs):
    associations, submarkets, districts = (
        slugs["associations"],
        slugs["submarkets"],
        slugs["districts"],
    )
    if kind == Kind.MEMBERS:
        return {"query": rng.choice(states)}
    if kind == Kind.NEWS:
        return {
            "verband": rng.choice([None, *associations]),
            "teilmarkt": rng.choice([None, *submarkets]),
            "erfolge": rng.random() < 0.7,
        }
    if kind == Kind.EVENTS:
        return {"verband": rng.choice([None, *associations]), "art": None}
    if kind == Kind.SPACES:
        return {
            "typ": "offer",
            "raumart": rng.choice([None, *Listing.SpaceKind.values]),
            "kreise": rng.sample(districts, rng.randrange(0, 3)),
            "preis_max": rng.choice([None, "300", "800"]),
            "flaeche_min": rng.choice([None, 20, 50]),
        }
    return {"teilmaerkte": rng.sample(submarkets, rng.randrange(0, 3))}


def seed_subscribers(count, rng, now):
    states = member_states(rng)
    slugs = vocabulary()
    week_ago = now - datetime.timedelta(days=7)
    subscribers = Subscriber.objects.bulk_create(
        [
            Subscriber(
                email=f"leser{n}@{DOMAIN}",
                email_key=address_key(f"leser{n}@{DOMAIN}"),
                language="de" if n % 5 else "en",
                next_digest_at=now - datetime.timedelta(minutes=1),
            )
            for n in range(count)
        ],
        batch_size=2000,
    )
    kinds = list(Kind.values)
    subscriptions = []
    for subscriber in subscribers:
        for kind in rng.sample(kinds, rng.randrange(1, 4)):
            subscriptions.append(
                Subscription(
                    subscriber=subscriber,
                    kind=kind,
                    criteria=criteria(kind, rng, states, slugs),
                    frequency=Subscription.Frequency.WEEKLY,
                    language=subscriber.language,
                    confirmed_at=week_ago,
                    sent_until=week_ago,
                )
            )
    Subscription.objects.bulk_create(subscriptions, batch_size=2000)
    return len(subscriptions)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--items", type=int, default=500)
    parser.add_argument("--profiles", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--profile", action="store_true", help="Print where the run spends time.")
    options = parser.parse_args()
    rng = random.Random(options.seed)

    call_command("migrate", verbosity=0)
    ensure_profiles(options.profiles)
    clean()
    now = timezone.now()
    started = time.perf_counter()
    counts = seed_items(options.items, rng, now)
    subscriptions = seed_subscribers(options.subscribers, rng, now)
    print(
        f"Seeded {options.items} items ({', '.join(f'{k} {v}' for k, v in counts.items())}) "
        f"and {options.subscribers} subscribers with {subscriptions} weekly subscriptions "
        f"in {time.perf_counter() - started:.1f} s ({connection.vendor})."
    )

    mails_before = OutgoingMail.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    bench_started = timezone.now()
    started = time.perf_counter()
    with transaction.atomic():
        with CaptureQueriesContext(connection) as queries:
            if options.profile:
                profiler = cProfile.Profile()
                result = profiler.runcall(run_weekly)
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
            else:
                result = run_weekly()
        prepared = time.perf_counter() - started
    # Leaving the transaction runs the outbox's after-commit hand-over.
    handed_over = time.perf_counter() - started

    mails = OutgoingMail.objects.filter(pk__gt=mails_before, kind="benachrichtigungen/digest")
    per_address = Counter(address for to in mails.values_list("to", flat=True) for address in to)
    most = max(per_address.values(), default=0)
    second = run_weekly()
    print(
        f"Weekly digest: {result.mails} mails for {result.subscribers} of "
        f"{options.subscribers} subscribers ({result.subscriptions} subscriptions) prepared "
        f"in {prepared:.1f} s, handed to the delivery queue after {handed_over:.1f} s; "
        f"{len(queries.captured_queries)} queries."
    )
    print(f"Most mails to one subscriber: {most}. A second run prepared {second.mails} mails.")

    mails.delete()
    DBTaskResult.objects.filter(
        task_path=deliver_mail.module_path, enqueued_at__gte=bench_started
    ).delete()
    clean()
    ok = most <= 1 and second.mails == 0 and prepared <= 60
    print("OK" if ok else "FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
