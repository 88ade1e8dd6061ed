"""Load test: gunicorn on PostgreSQL with 20 000 profiles under a realistic mix of pages.

Prepares the database `kreativ_load` on 127.0.0.1:5432 (created, migrated and seeded if it
holds fewer profiles, reused otherwise), collects static files, starts gunicorn with the
production settings (Redis page cache in db 5 unless --no-redis), then runs wrk with
loadtest/mix.lua: a weighted mix of home, directory filters and pages, search, ~500 profile
pages, news, events and the login page. Then the same wrk settings against /robots.txt, a
view without database through the whole middleware stack, as the ceiling. Prints a summary
and exits 1 if any request failed or answered other than 2xx/3xx.

    ~/.local/bin/uv run --frozen python loadtest/load.py              # 60 s, 50 connections
    ~/.local/bin/uv run --frozen python loadtest/load.py --duration 20 --workers 5 --no-redis
"""

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

from support import (
    ROOT,
    Gunicorn,
    ensure_database,
    fetch,
    flush_redis,
    free_port,
    prepare_database,
    prepare_static,
    production_env,
    say,
    terminate_on_sigterm,
)

REDIS_DB = 5
MIX_SCRIPT = ROOT / "loadtest" / "mix.lua"
TARGET_RATIO = 0.30
SEARCH_TERMS = [
    "Fotografie",
    "Design Leipzig",
    "Architektur",
    "Musik",
    "Grafikdesign Dresden",
    "Müller",
    "Illustration",
    "Software",
    "Theater",
    "Werbung Chemnitz",
]


def mix(data: dict) -> list[tuple[str, float, list[str]]]:
    """(category, share of all requests, paths) — shares add up to 100."""
    directory = [
        "/mitglieder/",
        "/mitglieder/?verband=leipzig",
        "/mitglieder/?verband=dresden",
        "/mitglieder/?verband=chemnitz",
        "/mitglieder/?teilmarkt=designwirtschaft&art=person",
        "/mitglieder/?teilmarkt=musikwirtschaft",
        "/mitglieder/?disziplin=fotografie",
        "/mitglieder/?auftraege=on",
        "/mitglieder/?verband=dresden&teilmarkt=designwirtschaft&art=person",
        "/mitglieder/?sortierung=neu",
        "/mitglieder/?verband=leipzig&sortierung=neu",
        *(f"/mitglieder/?seite={page}" for page in range(2, 6)),
        *(f"/mitglieder/?kreis={district}" for district in data["districts"]),
        "/verbaende/chemnitz/",
        "/teilmaerkte/musikwirtschaft/",
    ]
    search = [f"/mitglieder/?q={quote(term).replace('%20', '+')}" for term in SEARCH_TERMS]
    search += [
        "/mitglieder/?q=Design&verband=leipzig&art=company",
        "/mitglieder/?q=Fotografie&sortierung=neu",
    ]
    news = [
        "/aktuelles/",
        "/aktuelles/?verband=leipzig",
        "/aktuelles/?teilmarkt=designwirtschaft",
        *(f"/aktuelles/{slug}/" for slug in data["news"][:4]),
    ]
    events = [
        "/veranstaltungen/",
        "/veranstaltungen/?verband=dresden",
        *(f"/veranstaltungen/{slug}/" for slug in data["events"][:3]),
    ]
    return [
        ("home", 10, ["/"]),
        ("directory", 25, directory),
        ("search", 10, search),
        ("profile", 35, [f"/mitglieder/{slug}/" for slug in data["slugs"]]),
        ("news", 8, news),
        ("events", 7, events),
        ("login page", 5, ["/konto/anmelden/"]),
    ]


def write_paths(path: Path, categories) -> None:
    lines = []
    for _category, share, paths in categories:
        lines += [f"{share / len(paths):.6f} {page}" for page in paths]
    path.write_text("\n".join(lines) + "\n")


def ensure_wrk() -> str:
    wrk = shutil.which("wrk")
    if wrk is None:
        say("wrk is missing; installing it with apt-get")
        # Fixed command line; the package name is a constant.
        subprocess.run(["/usr/bin/apt-get", "install", "-y", "wrk"], check=True)
        wrk = shutil.which("wrk")
    if wrk is None:
        raise SystemExit("wrk is not available")
    return wrk


def smoke_test(port: int, categories) -> list[str]:
    """Every distinct page once (and a few profiles): a 500 shows here with its address,
    not just as a count in wrk's summary."""
    problems = []
    for category, _share, paths in categories:
        for page in paths if category != "profile" else paths[:10]:
            response = fetch(port, page, timeout=30)
            if not 200 <= response.status < 400:
                problems.append(f"{page} answered {response.status}")
    return problems


def run_wrk(wrk, port, paths_file, arguments, seconds) -> dict:
    command = [
        wrk,
        f"-t{arguments.threads}",
        f"-c{arguments.connections}",
        f"-d{seconds}s",
        f"--timeout={arguments.timeout}s",
        "-s",
        str(MIX_SCRIPT),
        f"http://127.0.0.1:{port}",
        "--",
        str(paths_file),
    ]
    # wrk from PATH (or just installed), arguments built here.
    output = subprocess.run(  # noqa: S603
        command, capture_output=True, text=True, check=True
    ).stdout
    for line in output.splitlines():
        if line.startswith("loadtest-result "):
            fields = dict(item.split("=", 1) for item in line.split()[1:])
            result = {k: v if k == "statuses" else float(v) for k, v in fields.items()}
            result["errors"] = sum(
                result[key] for key in ("err_connect", "err_read", "err_write", "err_timeout")
            ) + max(result["err_status"], result["bad_status"])
            return result
    raise SystemExit(f"wrk printed no result:\n{output}")


def describe(name: str, result: dict) -> None:
    say(
        f"  {name}: {result['requests']:.0f} requests, {result['rps']:.1f}/s, "
        f"p50 {result['p50_ms']:.0f} ms, p95 {result['p95_ms']:.0f} ms, "
        f"p99 {result['p99_ms']:.0f} ms, max {result['max_ms']:.0f} ms, "
        f"errors {result['errors']:.0f} (connect {result['err_connect']:.0f}, read "
        f"{result['err_read']:.0f}, write {result['err_write']:.0f}, timeout "
        f"{result['err_timeout']:.0f}, bad status {result['bad_status']:.0f}; "
        f"statuses {result['statuses']})"
    )


def log_findings(text: str) -> dict:
    return {
        "tracebacks": text.count("Traceback (most recent call last)"),
        "worker timeouts": text.count("WORKER TIMEOUT"),
        "internal errors": text.count("Internal Server Error"),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (default 4)")
    parser.add_argument("--duration", type=int, default=60, help="seconds per wrk run")
    parser.add_argument("--warmup", type=int, default=10, help="unmeasured seconds of the mix")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--timeout", type=int, default=5, help="wrk's request timeout, s")
    parser.add_argument("--profiles", type=int, default=20_000)
    parser.add_argument("--database", default="kreativ_load")
    parser.add_argument("--no-redis", action="store_true", help="page cache in each worker")
    arguments = parser.parse_args()
    terminate_on_sigterm()

    wrk = ensure_wrk()
    database_url = f"postgres://postgres@127.0.0.1:5432/{arguments.database}"
    cache_url = None if arguments.no_redis else f"redis://127.0.0.1:6379/{REDIS_DB}"
    env = production_env(database_url, cache_url=cache_url)
    if ensure_database(arguments.database):
        say(f"Created database {arguments.database}.")
    started = time.monotonic()
    data = prepare_database(env, profiles=arguments.profiles, slugs=500)
    prepare_static(env)
    say(
        f"Database {arguments.database}: {data['profiles']} profiles ({data['published']} "
        f"published), {len(data['news'])} news, {len(data['events'])} upcoming events; "
        f"ready in {time.monotonic() - started:.0f} s."
    )
    if cache_url:
        flush_redis(REDIS_DB)

    port = free_port()
    with tempfile.TemporaryDirectory(prefix="kreativ-load-") as folder:
        folder = Path(folder)
        categories = mix(data)
        mix_paths, bare_paths = folder / "mix.txt", folder / "bare.txt"
        write_paths(mix_paths, categories)
        bare_paths.write_text("1 /robots.txt\n")
        server = Gunicorn(
            env, port=port, workers=arguments.workers, log_path=folder / "gunicorn.log"
        )
        try:
            server.start()
            say(
                f"gunicorn: {arguments.workers} workers on port {port}, healthy after "
                f"{server.wait_healthy():.1f} s; cache: {cache_url or 'per process'}."
            )
            problems = smoke_test(port, categories)
            for problem in problems:
                say(f"  smoke test: {problem}")
            settings = (
                f"{arguments.connections} connections, {arguments.threads} wrk threads, "
                f"{arguments.duration} s"
            )
            if arguments.warmup:
                say(f"Warm-up: the mix for {arguments.warmup} s (not measured) ...")
                warm = run_wrk(wrk, port, mix_paths, arguments, arguments.warmup)
                describe("warm-up", warm)
            say(f"Mix: {settings} ...")
            mixed = run_wrk(wrk, port, mix_paths, arguments, arguments.duration)
            describe("mix", mixed)
            say(f"Bare /robots.txt: {settings} ...")
            bare = run_wrk(wrk, port, bare_paths, arguments, arguments.duration)
            describe("bare", bare)
            findings = log_findings(server.log_text())
        finally:
            server.stop()
        if sum(findings.values()):
            say(f"gunicorn log {findings}; last lines:")
            say("\n".join(server.log_text().splitlines()[-40:]))

    ratio = mixed["rps"] / bare["rps"] if bare["rps"] else 0.0
    cached = mixed["cache_hit"] + mixed["cache_miss"]
    hit_share = mixed["cache_hit"] / mixed["requests"] if mixed["requests"] else 0.0
    errors = mixed["errors"] + bare["errors"] + len(problems)
    rows = [
        ("mix throughput", f"{mixed['rps']:.1f} req/s"),
        (
            "mix latency p50 / p95 / p99",
            f"{mixed['p50_ms']:.0f} / {mixed['p95_ms']:.0f} / {mixed['p99_ms']:.0f} ms",
        ),
        ("bare throughput (/robots.txt)", f"{bare['rps']:.1f} req/s"),
        ("bare latency p95", f"{bare['p95_ms']:.0f} ms"),
        ("ratio mix / bare", f"{ratio:.0%} (target >= {TARGET_RATIO:.0%})"),
        ("errors (must be 0)", f"{errors:.0f}"),
        (
            "page cache hits (share of all mix requests)",
            f"{hit_share:.0%} "
            f"({mixed['cache_hit']:.0f} hits, {mixed['cache_miss']:.0f} misses, "
            f"{mixed['requests'] - cached:.0f} uncached pages)",
        ),
        ("gunicorn log", ", ".join(f"{k}: {v}" for k, v in findings.items())),
    ]
    say(
        f"\nSummary ({arguments.workers} workers, {settings}, {data['profiles']} profiles, "
        f"{'Redis' if cache_url else 'per-process'} cache; {sys.platform}, shared machine)"
    )
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        say(f"  {name:<{width}}  {value}")
    failed = errors > 0 or findings["tracebacks"] > 0 or findings["worker timeouts"] > 0
    say("FAIL" if failed else "PASS" + ("" if ratio >= TARGET_RATIO else " (ratio below target)"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
