"""Fault test: the database crashes under load and comes back.

Starts a private PostgreSQL cluster (port 55432, or a free port below the ephemeral range if
55432 lies in it; a temporary folder; the machine's server on
5432 is never touched), migrates and seeds it, starts gunicorn (2 workers, page cache in
each process, no Redis) against it and keeps requesting pages the page cache cannot answer
(a changing query string), /healthz and a cacheable page. Then it crashes PostgreSQL
(`pg_ctl stop -m immediate`) for --outage seconds and checks:

- every response arrives within --max-seconds; uncached pages answer 503 with the German
  page and Retry-After; /healthz answers 503; no response contains a traceback;
- a logged-in member's profile save during the outage answers the 503 page, never a redirect;
- the gunicorn workers stay the same processes (no WORKER TIMEOUT, no restarts);

then starts PostgreSQL again and checks that pages and /healthz answer 200 within
--recovery seconds without touching gunicorn, that the interrupted save left the profile
entirely in its old or entirely in its new state, and that saving again works.

    ~/.local/bin/uv run --frozen python loadtest/fault.py

Prints a PASS/FAIL report with timings; exits 1 on any FAIL. The cluster, its folder and
gunicorn are removed in every case (also on Ctrl-C).
"""

import argparse
import contextlib
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from support import (
    UNAVAILABLE_TEXT,
    Browser,
    Gunicorn,
    fetch,
    free_port,
    prepare_database,
    prepare_static,
    production_env,
    read_form,
    replace_field,
    say,
    terminate_on_sigterm,
)

PG_BIN = Path("/usr/lib/postgresql/15/bin")
RUNUSER = "/usr/sbin/runuser"
DATABASE = "kreativ_fault"
MEMBER_EMAIL = "fault-check@example.org"


class Cluster:
    """A throwaway PostgreSQL cluster in `folder`, run as the postgres user when we are root."""

    def __init__(self, folder: Path, port: int):
        self.folder, self.port = folder, port
        self.data = folder / "data"
        self.log = folder / "postgres.log"
        self.running = False

    def _command(self, *arguments: str) -> list[str]:
        if os.geteuid() == 0:
            # initdb and postgres refuse to run as root.
            return [RUNUSER, "-u", "postgres", "--", *arguments]
        return list(arguments)

    def _run(self, *arguments: str, check=True) -> subprocess.CompletedProcess:
        # Absolute paths of the PostgreSQL binaries, arguments built here.
        result = subprocess.run(  # noqa: S603
            self._command(*arguments), capture_output=True, text=True, check=False
        )
        if check and result.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise SystemExit(
                f"{Path(arguments[0]).name} {arguments[-1]} failed: "
                f"{result.stdout[-1000:]}{result.stderr[-1000:]}\n{log}"
            )
        return result

    def create(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        self._run(
            str(PG_BIN / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "--no-sync",
        )

    def start(self) -> float:
        started = time.monotonic()
        self._run(
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.log),
            "-w",
            "-t",
            "60",
            "-o",
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off",
            "start",
        )
        self.running = True
        return time.monotonic() - started

    def stop(self, mode: str) -> float:
        started = time.monotonic()
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")
        self.running = False
        return time.monotonic() - started

    def remove(self) -> None:
        if self.running:
            self._run(
                str(PG_BIN / "pg_ctl"),
                "-D",
                str(self.data),
                "-m",
                "immediate",
                "-w",
                "stop",
                check=False,
            )
        shutil.rmtree(self.folder, ignore_errors=True)

    def create_database(self, name: str) -> None:
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname="postgres", autocommit=True
        ) as connection:
            # A constant name of this script.
            connection.execute(f'CREATE DATABASE "{name}"')

    def profile_state(self, pk: int) -> dict:
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname=DATABASE
        ) as connection:
            tagline, version = connection.execute(
                "SELECT tagline, version FROM mitglieder_profile WHERE id = %s", (pk,)
            ).fetchone()
            links = connection.execute(
                "SELECT kind, url FROM mitglieder_profilelink WHERE profile_id = %s "
                "ORDER BY position, id",
                (pk,),
            ).fetchall()
        return {"tagline": tagline, "version": version, "links": sorted(map(tuple, links))}


def cluster_port(wanted: int) -> int:
    """`wanted`, unless Linux may hand it out as the local port of outgoing connections:
    then an outgoing connection (any load on this machine) can occupy it, also during the
    outage, and PostgreSQL cannot start again; so take a free port below that range."""
    low, high = map(int, Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split())
    if not low <= wanted <= high:
        return wanted
    for port in range(low - 7000, low - 6000):
        with socket.socket() as probe:
            # PostgreSQL binds with SO_REUSEADDR too.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise SystemExit("no free port for the PostgreSQL cluster")


class Recorder:
    """Background clients: one request after another, each answer written down with the
    phase (before / outage / recovery / after) in which it was sent."""

    def __init__(self, port: int, slugs: list[str], clients: int):
        self.port, self.slugs = port, slugs
        self.phase = "before"
        self.records: list[dict] = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = [
            threading.Thread(target=self._loop, args=(n,), daemon=True) for n in range(clients)
        ]

    def targets(self, n: int, count: int):
        slug = self.slugs[count % len(self.slugs)]
        marker = f"{n}-{count}"
        return [
            ("page", f"/mitglieder/?seite=1&lt={marker}"),
            ("profile", f"/mitglieder/{slug}/?lt={marker}"),
            ("healthz", "/healthz"),
            ("cached", "/aktuelles/"),
        ]

    def _loop(self, n: int) -> None:
        count = 0
        while not self.stopping.is_set():
            for kind, path in self.targets(n, count):
                phase, sent = self.phase, time.monotonic()
                record = {"phase": phase, "kind": kind, "path": path, "sent": sent}
                try:
                    response = fetch(self.port, path, timeout=15)
                    record |= {
                        "status": response.status,
                        "seconds": response.seconds,
                        "german": UNAVAILABLE_TEXT in response.body,
                        "traceback": "Traceback" in response.body,
                        "retry_after": response.header("Retry-After"),
                    }
                except OSError as error:
                    record |= {
                        "status": None,
                        "seconds": time.monotonic() - sent,
                        "error": repr(error),
                    }
                with self.lock:
                    self.records.append(record)
            count += 1

    def start(self):
        for thread in self.threads:
            thread.start()

    def stop(self):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=20)

    def of(self, phase: str, *kinds: str) -> list[dict]:
        with self.lock:
            return [
                r for r in self.records if r["phase"] == phase and (not kinds or r["kind"] in kinds)
            ]


class Report:
    def __init__(self):
        self.rows: list[tuple[bool, str, str]] = []

    def check(self, passed: bool, name: str, detail: str = "") -> bool:
        self.rows.append((passed, name, detail))
        say(f"{'PASS' if passed else 'FAIL'}  {name}" + (f"  ({detail})" if detail else ""))
        return passed

    @property
    def failed(self) -> int:
        return sum(not passed for passed, _, _ in self.rows)


def summarize(records: list[dict]) -> str:
    statuses: dict = {}
    for record in records:
        statuses[record["status"]] = statuses.get(record["status"], 0) + 1
    slowest = max((r["seconds"] for r in records), default=0.0)
    listed = ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items(), key=str))
    return f"{len(records)} requests, statuses {{{listed}}}, slowest {slowest:.2f} s"


def edit_fields(body: str, tagline: str, link: str) -> list[tuple[str, str]]:
    """The edit form as the browser would post it, with a new tagline and one new link."""
    fields = replace_field(read_form(body, has_field="version"), "tagline", tagline)
    names = [name for name, _ in fields]
    for index in range(20):
        url_field = f"links-{index}-url"
        if url_field in names and not dict(fields)[url_field]:
            fields = replace_field(fields, url_field, link)
            return replace_field(fields, f"links-{index}-kind", "other")
    raise SystemExit("the edit form offers no empty link row")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg-port", type=int, default=55432)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--clients",
        type=int,
        default=1,
        help="background clients (default 1: with the script's own requests "
        "no request queues behind a busy worker)",
    )
    parser.add_argument("--outage", type=float, default=15, help="seconds without PostgreSQL")
    parser.add_argument(
        "--max-seconds",
        type=float,
        default=2.0,
        help="slowest acceptable response during the outage (the pool waits "
        "DB_POOL_TIMEOUT=1 s for a connection, then the 503 is rendered)",
    )
    parser.add_argument(
        "--recovery",
        type=float,
        default=30,
        help="seconds within which the site must answer 200 again",
    )
    parser.add_argument("--keep-log", help="copy gunicorn's log to this file")
    arguments = parser.parse_args()
    terminate_on_sigterm()

    report = Report()
    folder = Path(tempfile.mkdtemp(prefix="kreativ-fault-"))
    pg_port = cluster_port(arguments.pg_port)
    cluster = Cluster(folder / "cluster", pg_port)
    # The postgres user must reach the cluster's folder inside ours.
    folder.chmod(0o711)
    cluster.folder.mkdir()
    server = None
    recorder = None
    try:
        cluster.create()
        say(
            f"PostgreSQL cluster in {cluster.folder}: started in {cluster.start():.1f} s "
            f"on port {pg_port}."
        )
        cluster.create_database(DATABASE)
        env = production_env(f"postgres://postgres@127.0.0.1:{pg_port}/{DATABASE}")
        password = secrets.token_urlsafe(16)
        data = prepare_database(env, profiles=300, slugs=50, member=(MEMBER_EMAIL, password))
        prepare_static(env)
        member = data["member"]

        port = free_port()
        server = Gunicorn(
            env, port=port, workers=arguments.workers, log_path=folder / "gunicorn.log"
        )
        server.start()
        say(
            f"gunicorn: {arguments.workers} workers on port {port}, healthy after "
            f"{server.wait_healthy():.1f} s; page cache per process (no Redis)."
        )

        browser = Browser()
        login = browser.login(port, MEMBER_EMAIL, password)
        report.check(login.status == 302, "member logs in before the outage", f"{login.status}")
        edit_page = f"/mein-profil/{member['pk']}/bearbeiten/"
        form = browser.request(port, edit_page)
        token = secrets.token_hex(4)
        link = f"https://example.org/ausfall-{token}"
        fields = edit_fields(form.body, f"Gespeichert während des Ausfalls? {token}", link)
        old_state = cluster.profile_state(member["pk"])

        recorder = Recorder(port, data["slugs"], arguments.clients)
        for _ in range(2):  # the cacheable page in both workers' caches, if the dice allow
            fetch(port, "/aktuelles/")
        workers_before = server.worker_pids()
        recorder.start()
        time.sleep(3)

        recorder.phase = "outage"
        stopping_at = time.monotonic()
        crash_seconds = cluster.stop("immediate")
        # The outage counts from when pg_ctl reports the server gone: a request sent while
        # it was still shutting down may legitimately have been answered by it.
        crash_at = outage_started = time.monotonic()
        before_cutoff = stopping_at
        say(
            f"PostgreSQL crashed (pg_ctl stop -m immediate, {crash_seconds:.2f} s); "
            f"{arguments.outage:.0f} s outage ..."
        )
        time.sleep(1)
        posted = browser.request(port, edit_page, method="POST", data=fields, timeout=15)
        time.sleep(max(0.0, arguments.outage - (time.monotonic() - outage_started)))

        recorder.phase = "recovery"
        restart_at = time.monotonic()
        restart_seconds = cluster.start()
        back_at = time.monotonic()
        recovered_after = None
        while time.monotonic() - back_at < arguments.recovery:
            probes = [
                fetch(port, path, timeout=15).status
                for path in (
                    "/healthz",
                    f"/mitglieder/?seite=2&probe={time.monotonic()}",
                    f"/mitglieder/{data['slugs'][0]}/?probe={time.monotonic()}",
                )
            ]
            if probes == [200, 200, 200]:
                recovered_after = time.monotonic() - back_at
                break
            time.sleep(0.25)
        recorder.phase = "after"
        time.sleep(3)
        recorder.stop()
        workers_after = server.worker_pids()

        # The report.
        # Judged by when the answer came: a request in flight at the crash may still have
        # had its data, one waiting for the pool at the restart may get a connection.
        before = [r for r in recorder.records if r["sent"] + r["seconds"] < before_cutoff]
        outage = [
            r
            for r in recorder.records
            if r["sent"] > crash_at and r["sent"] + r["seconds"] < restart_at
        ]
        say(f"\nBefore the crash: {summarize(before)}")
        say(
            f"During the outage (sent after the crash, answered before the restart): "
            f"{summarize(outage)}"
        )
        say(f"Recovery: {summarize(recorder.of('recovery'))}")
        say(f"After recovery: {summarize(recorder.of('after'))}\n")

        report.check(
            bool(before) and all(r["status"] == 200 for r in before),
            "before the crash every request answers 200",
            summarize(before),
        )
        slowest = max((r["seconds"] for r in outage), default=0.0)
        report.check(
            bool(outage) and slowest <= arguments.max_seconds,
            f"during the outage every response arrives within {arguments.max_seconds} s",
            f"slowest {slowest:.2f} s, median "
            f"{sorted(r['seconds'] for r in outage)[len(outage) // 2]:.2f} s"
            if outage
            else "no requests",
        )
        late = [r for r in outage if r["kind"] in ("page", "profile")]
        report.check(
            bool(late)
            and all(r["status"] == 503 and r["german"] and r["retry_after"] for r in late),
            "uncached pages answer 503 with the German page and Retry-After",
            summarize(late),
        )
        health = [r for r in outage if r["kind"] == "healthz"]
        report.check(
            bool(health) and all(r["status"] == 503 for r in health),
            "/healthz answers 503",
            summarize(health),
        )
        if os.environ.get("FAULT_DEBUG"):
            for r in outage:
                say(
                    f"  {r['sent'] - outage_started:+.2f} s {r['kind']} {r['status']} "
                    f"{r['seconds']:.2f} s"
                )
        cached = [r for r in outage if r["kind"] == "cached"]
        report.check(
            all(r["status"] in (200, 503) for r in cached),
            "a cacheable page answers 200 from a worker's cache, else 503",
            summarize(cached),
        )
        every = recorder.records
        report.check(not any(r.get("traceback") for r in every), "no response contains a traceback")
        report.check(
            not any(r["status"] is None for r in every),
            "no connection errors or client timeouts",
            "; ".join({r.get("error", "") for r in every if r["status"] is None}),
        )
        report.check(
            posted.status == 503
            and UNAVAILABLE_TEXT in posted.body
            and posted.header("Location") is None,
            "the profile save during the outage answers the 503 page, no redirect",
            f"{posted.status} in {posted.seconds:.2f} s, Location: {posted.header('Location')}",
        )
        report.check(
            posted.seconds <= arguments.max_seconds,
            f"the member's 503 arrives within {arguments.max_seconds} s too",
            f"{posted.seconds:.2f} s (the session is not loaded a second time on the way out, "
            "see betrieb.views)",
        )
        log = server.log_text()
        if arguments.keep_log:
            Path(arguments.keep_log).write_text(log)
        timeouts = log.count("WORKER TIMEOUT")
        report.check(
            workers_before == workers_after and timeouts == 0,
            "gunicorn workers stay alive (same PIDs, no WORKER TIMEOUT)",
            f"before {sorted(workers_before)}, after {sorted(workers_after)}, {timeouts} timeouts",
        )
        report.check(
            recovered_after is not None,
            f"the site recovers by itself within {arguments.recovery:.0f} s",
            f"PostgreSQL up after {restart_seconds:.1f} s, pages and /healthz 200 "
            f"{recovered_after:.2f} s later"
            if recovered_after is not None
            else "not recovered",
        )
        after = recorder.of("after")
        report.check(
            bool(after) and all(r["status"] == 200 for r in after),
            "after recovery every request answers 200",
            summarize(after),
        )

        state = cluster.profile_state(member["pk"])
        new_state = {
            "tagline": dict(fields)["tagline"],
            "version": old_state["version"] + 1,
            "links": sorted([*old_state["links"], ("other", link)]),
        }
        report.check(
            state in (old_state, new_state),
            "the interrupted save left the profile entirely old or entirely new",
            "old" if state == old_state else "new" if state == new_state else str(state),
        )
        overview = browser.request(port, "/mein-profil/")
        report.check(
            overview.status == 200,
            "the member is still logged in after recovery",
            f"{overview.status}",
        )
        again = browser.request(port, edit_page, method="POST", data=fields)
        final = cluster.profile_state(member["pk"])
        report.check(
            again.status == 302 and final == new_state,
            "saving the same form again after recovery stores it completely",
            f"{again.status}, version {old_state['version']} -> {final['version']}",
        )
        say(
            f"\ngunicorn log: {log.count('Traceback')} logged tracebacks (Django logs each "
            f"503's database error), {timeouts} worker timeouts, "
            f"{log.count('Booting worker')} worker boots."
        )
    finally:
        if recorder is not None:
            recorder.stop()
        if server is not None:
            server.stop()
        cluster.remove()
        with contextlib.suppress(OSError):
            shutil.rmtree(folder)

    total = len(report.rows)
    say(
        f"\n{total - report.failed}/{total} checks passed: "
        f"{'PASS' if not report.failed else 'FAIL'}"
    )
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
