"""Two app processes, one database, one Redis: nothing the site needs lives in one process.

Starts two gunicorns (A and B) on two ports with the same settings against the PostgreSQL
database `kreativ_stateless` (created, migrated and seeded with a few profiles and one member
with a fresh password) and Redis db 6 (flushed), then checks:

1. a login on A is a login on B (sessions in the database, same SECRET_KEY);
2. a profile edit posted on B shows at once on A's public profile page and in A's directory,
   although A had both pages in its page cache (invalidation through the shared Redis).

    ~/.local/bin/uv run --frozen python loadtest/stateless.py

Prints PASS/FAIL per check; exits 1 if any check fails.
"""

import argparse
import html
import secrets
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

from support import (
    Browser,
    Gunicorn,
    ensure_database,
    fetch,
    flush_redis,
    free_port,
    prepare_database,
    prepare_static,
    production_env,
    read_form,
    replace_field,
    say,
    terminate_on_sigterm,
)

REDIS_DB = 6
MEMBER_EMAIL = "stateless-check@example.org"


class Checks:
    def __init__(self):
        self.results: list[tuple[str, bool, str]] = []

    def check(self, name: str, passed: bool, detail: str = "") -> bool:
        self.results.append((name, passed, detail))
        say(f"{'PASS' if passed else 'FAIL'}  {name}" + (f"  ({detail})" if detail else ""))
        return passed

    @property
    def failed(self) -> int:
        return sum(not passed for _, passed, _ in self.results)


def run_checks(a: int, b: int, member: dict, password: str, checks: Checks) -> None:
    profile_page = f"/mitglieder/{member['slug']}/"
    # The first word of the name finds the profile in the directory search.
    directory_page = f"/mitglieder/?q={quote(member['name'].split()[0])}"

    browser = Browser()
    login = browser.login(a, MEMBER_EMAIL, password)
    checks.check(
        "login on A redirects to /mein-profil/",
        login.status == 302 and (login.header("Location") or "").endswith("/mein-profil/"),
        f"{login.status} {login.header('Location')}",
    )
    overview = browser.request(b, "/mein-profil/")
    checks.check(
        "the session from A is valid on B: /mein-profil/ answers 200 there",
        overview.status == 200 and html.escape(member["name"]) in overview.body,
        f"{overview.status} {overview.header('Location') or ''}".strip(),
    )
    stranger = fetch(b, "/mein-profil/")
    checks.check(
        "(control) without the cookies B redirects /mein-profil/ to the login",
        stranger.status == 302 and "/konto/anmelden/" in (stranger.header("Location") or ""),
        f"{stranger.status}",
    )

    for page in (profile_page, directory_page):
        fetch(a, page)
        again = fetch(a, page)
        checks.check(
            f"A serves {page} from its page cache before the edit",
            again.status == 200 and again.header("X-Page-Cache") == "hit",
            f"{again.status}, X-Page-Cache: {again.header('X-Page-Cache')}",
        )

    edit_page = f"/mein-profil/{member['pk']}/bearbeiten/"
    form = browser.request(b, edit_page)
    tagline = f"Zwei Prozesse, ein Stand {secrets.token_hex(4)}"
    fields = replace_field(read_form(form.body, has_field="version"), "tagline", tagline)
    saved = browser.request(b, edit_page, method="POST", data=fields)
    checks.check(
        "the edit posted on B is saved (redirect to /mein-profil/)",
        saved.status == 302 and (saved.header("Location") or "").endswith("/mein-profil/"),
        f"{saved.status} {saved.header('Location')}",
    )
    saved_at = time.monotonic()
    for name, page in (("public profile page", profile_page), ("directory", directory_page)):
        shown = fetch(a, page)
        checks.check(
            f"A's {name} shows the new tagline right away",
            shown.status == 200 and html.escape(tagline) in shown.body,
            f"{shown.status}, X-Page-Cache: {shown.header('X-Page-Cache')}, "
            f"{(time.monotonic() - saved_at) * 1000:.0f} ms after the save",
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="kreativ_stateless")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per app")
    arguments = parser.parse_args()
    terminate_on_sigterm()
    started = time.monotonic()

    env = production_env(
        f"postgres://postgres@127.0.0.1:5432/{arguments.database}",
        cache_url=f"redis://127.0.0.1:6379/{REDIS_DB}",
    )
    ensure_database(arguments.database)
    password = secrets.token_urlsafe(16)
    data = prepare_database(env, profiles=40, member=(MEMBER_EMAIL, password))
    prepare_static(env)
    flush_redis(REDIS_DB)

    checks = Checks()
    with tempfile.TemporaryDirectory(prefix="kreativ-stateless-") as folder:
        workers = arguments.workers
        # One environment, one SECRET_KEY: two processes of one deployment.
        app_a = Gunicorn(env, port=free_port(), workers=workers, log_path=Path(folder) / "a.log")
        app_b = Gunicorn(env, port=free_port(), workers=workers, log_path=Path(folder) / "b.log")
        try:
            app_a.start()
            app_b.start()
            app_a.wait_healthy()
            app_b.wait_healthy()
            say(f"App A on port {app_a.port}, app B on port {app_b.port}, Redis db {REDIS_DB}.")
            run_checks(app_a.port, app_b.port, data["member"], password, checks)
        finally:
            app_a.stop()
            app_b.stop()
        for app in (app_a, app_b):
            if "Traceback" in app.log_text():
                checks.check(f"no traceback in the log of port {app.port}", False)
                say(app.log_text()[-3000:])

    total = len(checks.results)
    say(
        f"\n{total - checks.failed}/{total} checks passed in {time.monotonic() - started:.0f} s: "
        f"{'PASS' if not checks.failed else 'FAIL'}"
    )
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
