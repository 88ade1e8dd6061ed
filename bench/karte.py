"""Benchmark the map and the statistics pages.

Issue 16's bar: each renders in at most 100 ms p95 at 20 000 profiles on PostgreSQL. Seeds
like bench/directory.py (whose seeding and measuring this reuses), then requests each
scenario through Django's test client: once with the cached counts and figures, once with
them recomputed on every request (as the first visitor after a profile change sees them).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kreativ_bench \\
        uv run python bench/karte.py --profiles 20000
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from django.core.management import call_command
from django.db import connection
from django.test import Client

# Sets Django up (settings for the benchmark) before any model is imported.
from bench.directory import measure, seed
from mitglieder.models import Profile

SCENARIOS = [
    ("map", "/karte/"),
    ("map submarket+kind", "/karte/?teilmarkt=designwirtschaft&art=company"),
    ("map discipline+flag", "/karte/?disziplin=fotografie&auftraege=on"),
    ("map district marked", "/karte/?kreis=goerlitz&verband=dresden"),
    ("map search", "/karte/?q=Fotografie"),
    ("statistics", "/statistik/"),
    ("statistics assoc.", "/statistik/?verband=leipzig"),
    ("lagebild assoc.", "/statistik/lagebild/dresden/"),
    ("lagebild district", "/statistik/lagebild/kreis/goerlitz/"),
    ("csv submarket x dist.", "/statistik/csv/teilmaerkte-kreise/"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=60, help="requests per scenario")
    arguments = parser.parse_args()

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    seed(arguments.profiles)
    client = Client()
    published = Profile.objects.listed().count()
    print(
        f"\n{connection.vendor}, {Profile.objects.count()} profiles ({published} listed), "
        f"{arguments.repeat} requests per scenario\n"
    )
    print(
        f"{'scenario':<22} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8} {'HTML kB':>8}   "
        f"{'fresh:':<6} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8}"
    )
    for name, url in SCENARIOS:
        cached = measure(client, [url], arguments.repeat)
        fresh = measure(client, [url], arguments.repeat, fresh_counts=True)
        print(
            f"{name:<22} {cached['queries']:>7} {cached['p50']:>8.1f} {cached['p95']:>8.1f} "
            f"{cached['bytes'] / 1024:>8.1f}   {'':<6} {fresh['queries']:>7} "
            f"{fresh['p50']:>8.1f} {fresh['p95']:>8.1f}"
        )


if __name__ == "__main__":
    main()
