"""Benchmark the public directory and profile pages.

Seeds demo profiles (without images) into the configured database until it holds --profiles
of them (bench/seed.py: 200 000 in under three minutes on PostgreSQL), then requests each
scenario through Django's test client in this process and prints SQL queries per request,
server time p50/p95 and HTML size, and what one profile change costs after its commit.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kreativ_bench \\
        uv run python bench/directory.py --profiles 20000
    ... --profiles 200000 --repeat 30

It measures the application and database, not a network or a WSGI server (see issue 7's load
test for that). Settings are production's: DEBUG off, hashed static files.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kreativ_sachsen.settings")
os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("SECURE_COOKIES", "0")
# The test client speaks plain HTTP; and this measures rendering, so whole pages are not
# served from the page cache (loadtest/load.py measures the site with it).
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("PAGE_CACHE_SECONDS", "0")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.seed import seed_profiles  # noqa: E402
from kern import versions  # noqa: E402
from mitglieder.indexing import refresh_search_index  # noqa: E402
from mitglieder.models import Profile  # noqa: E402
from verzeichnis.counters import rebuild_counts  # noqa: E402


def seed(target: int) -> None:
    existing = Profile.objects.count()
    if existing >= target:
        print(f"{existing} profiles present; nothing to seed.")
        return
    started = time.perf_counter()
    created = seed_profiles(target - existing, seed=existing + 1)
    # Bulk seeding bypasses the write path that keeps the facet counters current.
    rebuild_counts()
    if connection.vendor == "postgresql":
        # Fresh statistics for the planner, and the visibility map the directory's
        # index-only scans need; without it a freshly seeded database measures 2-3x slower.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    print(
        f"Seeded {created} profiles in {time.perf_counter() - started:.1f} s "
        "(facet counters and VACUUM ANALYZE included)."
    )


def scenarios(rng: random.Random) -> list[tuple[str, str]]:
    deep_page = max(1, Profile.objects.published().count() // 24 // 2)
    directory = [
        ("directory", "/mitglieder/"),
        ("filter association", "/mitglieder/?verband=leipzig"),
        ("filter district", "/mitglieder/?kreis=erzgebirgskreis"),
        ("filter place", "/mitglieder/?ort=dresden"),
        ("filter submarket", "/mitglieder/?teilmarkt=designwirtschaft"),
        ("filter discipline", "/mitglieder/?disziplin=fotografie"),
        ("filter kind", "/mitglieder/?art=collective"),
        ("filter flag", "/mitglieder/?auftraege=on"),
        (
            "three filters",
            "/mitglieder/?verband=dresden&teilmarkt=designwirtschaft&art=person",
        ),
        ("search", "/mitglieder/?q=Fotografie"),
        ("search umlaut", "/mitglieder/?q=M%C3%BCller"),
        ("search + filters", "/mitglieder/?q=Design&verband=leipzig&art=company"),
        # Bad input must stay within the same bars (issue 12): 10 000 characters (the form
        # takes 200 and says so), and the most words a search uses, between operators.
        ("search 10 000 chars", "/mitglieder/?" + urlencode({"q": "Fotografie " * 910})),
        ("search operators", "/mitglieder/?" + urlencode({"q": OPERATOR_QUERY})),
        ("deep page", f"/mitglieder/?seite={deep_page}"),
        ("submarket page", "/teilmaerkte/musikwirtschaft/"),
        ("association page", "/verbaende/chemnitz/"),
    ]
    slugs = list(Profile.objects.published().values_list("slug", flat=True))
    profiles = [("profile", f"/mitglieder/{slug}/") for slug in rng.sample(slugs, 50)]
    return directory, profiles


# What visitors type into the search field, two letters on: disciplines, places, names.
SUGGESTION_PREFIXES = (
    "fo", "Foto", "Leip", "Dres", "Chem", "Mül", "Müller", "gra", "Grafik", "Design",
    "Archi", "musik", "Spiele", "Schmidt", "Illu", "Zwick", "Studio", "Ton", "Mode", "Kera",
)  # fmt: skip
OPERATOR_QUERY = 'Foto & (Design | !Leipzig) :* "Müller" <-> Studio\\0 Musik; Film* Kunst Buch'


def measure(
    client: Client, urls: list[str], repeat: int, *, fresh_counts=False, version=None
) -> dict:
    """Time `repeat` requests. With fresh_counts, every request is the first after a
    profile change: one profile is reindexed before it, as after a save (its search columns,
    facet counters and the change a search's kept counts catch up with), untimed. With
    `version`, the change is simulated by bumping that cache version instead."""
    for url in urls[:3]:
        client.get(url)  # warm caches and connections
    timings, queries, sizes = [], [], []
    for round_number in range(repeat):
        url = urls[round_number % len(urls)]
        if fresh_counts and version:
            versions.bump(version)
        elif fresh_counts:
            change_a_profile()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        queries.append(len(captured.captured_queries))
        sizes.append(len(response.content))
    timings.sort()
    return {
        "queries": max(queries),
        "p50": statistics.median(timings),
        "p95": timings[max(0, round(len(timings) * 0.95) - 1)],
        "bytes": round(statistics.mean(sizes)),
    }


_changed = random.Random(13)


def change_a_profile() -> None:
    """What a profile's save sets off after its commit (mitglieder.indexing), for a random
    profile: the next directory request is the first after a change."""
    if not hasattr(change_a_profile, "ids"):
        change_a_profile.ids = list(Profile.objects.values_list("pk", flat=True))
    refresh_search_index([_changed.choice(change_a_profile.ids)])


def measure_write(rng: random.Random, repeat: int) -> dict:
    """What a profile change costs after its commit: the reindex of the profile and the
    update of the facet counters that follows it (mitglieder.indexing, verzeichnis.counters)."""
    ids = list(Profile.objects.values_list("pk", flat=True))
    timings = []
    for _ in range(repeat):
        pk = rng.choice(ids)
        started = time.perf_counter()
        refresh_search_index([pk])
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {
        "p50": statistics.median(timings),
        "p95": timings[max(0, round(len(timings) * 0.95) - 1)],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=60, help="requests per scenario")
    arguments = parser.parse_args()

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    seed(arguments.profiles)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    client = Client()
    directory, profiles = scenarios(random.Random(7))
    published = Profile.objects.published().count()
    print(
        f"\n{connection.vendor}, {Profile.objects.count()} profiles ({published} published), "
        f"{arguments.repeat} requests per scenario\n"
    )
    print(
        f"{'scenario':<20} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8} {'HTML kB':>8}   "
        f"{'fresh counts:':<13} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8}"
    )
    rows = [
        (
            name,
            measure(client, [url], arguments.repeat),
            measure(client, [url], arguments.repeat, fresh_counts=True),
        )
        for name, url in directory
    ]
    profile_urls = [url for _, url in profiles]
    rows.append(
        (
            "profile (50 pages)",
            measure(client, profile_urls, arguments.repeat),
            measure(client, profile_urls, arguments.repeat, fresh_counts=True),
        )
    )
    # Suggestions while typing (the page cache that would keep them is off here), one
    # prefix after another; their bar is 15 ms p95.
    suggestion_urls = [
        "/mitglieder/vorschlaege/?" + urlencode({"q": prefix}) for prefix in SUGGESTION_PREFIXES
    ]
    rows.append(
        (
            "suggestions (20)",
            measure(client, suggestion_urls, arguments.repeat),
            measure(client, suggestion_urls, arguments.repeat, fresh_counts=True),
        )
    )
    write = measure_write(random.Random(11), arguments.repeat)
    for name, cached, fresh in rows:
        print(
            f"{name:<20} {cached['queries']:>7} {cached['p50']:>8.1f} {cached['p95']:>8.1f} "
            f"{cached['bytes'] / 1024:>8.1f}   {'':<13} {fresh['queries']:>7} "
            f"{fresh['p50']:>8.1f} {fresh['p95']:>8.1f}"
        )
    print(
        f"\nreindex + counters of one changed profile (after its commit): "
        f"p50 {write['p50']:.1f} ms, p95 {write['p95']:.1f} ms"
    )


if __name__ == "__main__":
    main()
