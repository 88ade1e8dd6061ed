"""Benchmark the open-data API and downloads (daten): queries, p50/p95 per request.

Seeds like bench/directory.py, then requests each API scenario (ETag off: every request
is a full answer) and the member downloads, cold (just after a profile change, rendered
from the database) and warm (streamed from the cache).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kreativ_bench \\
        uv run python bench/open_data.py --profiles 20000
"""

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.directory import seed
from kern import versions
from mitglieder.models import PROFILES_VERSION, Profile


def timed(client, url, repeat, *, cold=False):
    client.get(url)
    timings, queries, sizes = [], [], []
    for _round in range(repeat):
        if cold:
            versions.bump(PROFILES_VERSION)
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        queries.append(len(captured.captured_queries))
        sizes.append(len(body))
    timings.sort()
    return (
        max(queries),
        statistics.median(timings),
        timings[max(0, round(len(timings) * 0.95) - 1)],
        round(statistics.mean(sizes)),
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--profiles", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    seed(args.profiles)
    slug = random.Random(1).choice(list(Profile.objects.listed().values_list("slug", flat=True)))
    client = Client()
    # Every request a full answer: no client-side ETag, and a fresh rate-limit window.
    scenarios = [
        ("list", "/api/v1/profiles/"),
        ("list 100 per page", "/api/v1/profiles/?pro_seite=100"),
        ("list filtered", "/api/v1/profiles/?teilmarkt=designwirtschaft&kreis=leipzig"),
        ("list search", "/api/v1/profiles/?q=Fotografie&pro_seite=100"),
        ("list deep page", "/api/v1/profiles/?seite=150&pro_seite=50"),
        ("one profile", f"/api/v1/profiles/{slug}/"),
        ("statistics", "/api/v1/statistik/"),
        ("taxonomy", "/api/v1/teilmaerkte/"),
    ]
    print(f"{Profile.objects.listed().count()} listed profiles, {connection.vendor}")
    print(f"{'scenario':32} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8} {'bytes':>10}")
    for name, url in scenarios:
        cache.clear()
        queries, p50, p95, size = timed(client, url, args.repeat)
        print(f"{name:32} {queries:7} {p50:8.1f} {p95:8.1f} {size:10}")
    for name, url in (("CSV", "/daten/mitglieder.csv"), ("JSON-LD", "/daten/mitglieder.jsonld")):
        cache.clear()
        cold = timed(client, url, 3, cold=True)
        warm = timed(client, url, 5)
        print(f"{name + ' cold':32} {cold[0]:7} {cold[1]:8.1f} {cold[2]:8.1f} {cold[3]:10}")
        print(
            f"{name + ' from the cache':32} {warm[0]:7} {warm[1]:8.1f} {warm[2]:8.1f} {warm[3]:10}"
        )


if __name__ == "__main__":
    main()
