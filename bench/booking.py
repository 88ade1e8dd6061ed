"""Booking benchmark: 50 concurrent clients book 1 000 consultation slots through gunicorn
and PostgreSQL, every slot contested by several clients at once.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kreativ_bench \\
        ~/.local/bin/uv run --frozen python bench/booking.py [--slots 1000] [--clients 50]

Steps: migrate the database and seed --slots free slots of one bench advisor (earlier bench
slots and bookings are deleted first); start gunicorn on a free port with a production-like
environment (DEBUG off, hashed static files, the German catalogue; see loadtest/support.py)
behind which the clients act as a TLS proxy would (X-Forwarded-For: every booking comes from
its own address, so the per-address rate limits do not count the benchmark as one visitor);
then --clients threads each open the booking form (CSRF cookie and token) and post it, for
every slot --contention times in a shuffled order. Mail goes to Django's dummy backend (the
outbox still stores and "sends" every mail after its commit).

It prints the bookings per second and checks: exactly one active booking per slot (0 double
bookings), every slot booked, every post answered 302 (booked) or 409 (taken), nothing else
(0 errors). Exits 1 if a check fails.
"""

import argparse
import json
import os
import queue
import random
import re
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "loadtest"))

from support import (  # noqa: E402
    PYTHON,
    Browser,
    Gunicorn,
    ensure_database,
    fetch,
    free_port,
    prepare_static,
    production_env,
    run,
    say,
    terminate_on_sigterm,
)

BENCH_ADVISOR = "Bench-Beratung (automatisch angelegt)"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


# Inside Django (a child process with the server's environment) ---------------------------


def _django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kreativ_sachsen.settings")
    import django

    django.setup()


def seed(slots):
    _django()
    import datetime as dt

    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from beratung.models import Advisor, Booking, Slot, Topic
    from postausgang.models import OutgoingMail
    from verbaende.models import Association

    call_command("migrate", verbosity=0)
    association = Association.objects.get(slug="dresden")
    with transaction.atomic():
        advisor, _created = Advisor.objects.get_or_create(
            association=association, name=BENCH_ADVISOR
        )
        old = Booking.objects.filter(slot__advisor=advisor)
        mails = [pk for pair in old.values_list("reminder_mail", "feedback_mail") for pk in pair]
        OutgoingMail.objects.filter(pk__in=[pk for pk in mails if pk]).delete()
        old.delete()
        Slot.objects.filter(advisor=advisor).delete()
        start = timezone.localtime().replace(minute=0, second=0, microsecond=0)
        start += dt.timedelta(days=2)
        Slot.objects.bulk_create(
            Slot(
                association=association,
                advisor=advisor,
                starts_at=start + dt.timedelta(minutes=45 * number),
                duration=45,
                mode=Slot.Mode.ONLINE,
            )
            for number in range(slots)
        )
    ids = list(Slot.objects.filter(advisor=advisor).values_list("pk", flat=True))
    print(json.dumps({"slots": ids, "topic": Topic.objects.order_by("pk").first().pk}))


def check():
    _django()
    from django.db.models import Count

    from beratung.models import Booking, Slot

    slots = Slot.objects.filter(advisor__name=BENCH_ADVISOR)
    active = Booking.objects.active().filter(slot__in=slots)
    per_slot = active.values("slot").annotate(n=Count("pk"))
    print(
        json.dumps(
            {
                "slots": slots.count(),
                "booked_slots": per_slot.count(),
                "double_bookings": sum(row["n"] - 1 for row in per_slot if row["n"] > 1),
                "bookings": active.count(),
            }
        )
    )


# The benchmark ----------------------------------------------------------------------------


def _child(mode, env, *extra):
    output = run([PYTHON, __file__, mode, *extra], env, what=f"bench {mode}")
    return json.loads(output.strip().splitlines()[-1])


def book_all(port, slot_ids, topic, *, clients, contention):
    work = queue.Queue()
    attempts = [pk for pk in slot_ids for _copy in range(contention)]
    random.Random(14).shuffle(attempts)
    for number, pk in enumerate(attempts):
        work.put((number, pk))
    statuses, errors, lock = {}, [], threading.Lock()

    def client():
        browser = Browser()
        while True:
            try:
                number, pk = work.get_nowait()
            except queue.Empty:
                return
            path = f"/beratung/termin/{pk}/"
            try:
                form = browser.request(port, path, timeout=30)
                match = TOKEN.search(form.body)
                if form.status != 200 or not match:
                    # Taken before this client even saw the form: a 409 page, no token.
                    status = form.status
                else:
                    status = _post(browser, port, path, match.group(1), number, topic)
            except OSError as error:
                status = f"{type(error).__name__}"
            with lock:
                statuses[status] = statuses.get(status, 0) + 1
                if status not in (302, 409):
                    errors.append((path, status))

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.monotonic() - started, statuses, errors


def _post(browser, port, path, token, number, topic):
    address = f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}"
    data = {
        "csrfmiddlewaretoken": token,
        "name": f"Bench Person {number}",
        "email": f"bench{number}@example.org",
        "topic": str(topic),
        "question": "Benchmark",
        "consent": "on",
    }
    # X-Forwarded-For: what a TLS proxy in front adds, the client's own address.
    headers = {
        "Cookie": "; ".join(f"{k}={v}" for k, v in browser.cookies.items()),
        "Content-Type": "application/x-www-form-urlencoded",
        "Origin": f"http://127.0.0.1:{port}",
        "Referer": f"http://127.0.0.1:{port}{path}",
        "X-Forwarded-For": address,
    }
    response = fetch(
        port, path, method="POST", headers=headers, body=urlencode(data).encode(), timeout=30
    )
    return response.status


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--slots", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--contention", type=int, default=2, help="clients per slot")
    parser.add_argument("--workers", type=int, default=None, help="gunicorn processes")
    arguments = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database (it will be migrated).")
    terminate_on_sigterm()
    name = urlsplit(database_url).path.lstrip("/")
    host = urlsplit(database_url).hostname or "127.0.0.1"
    if ensure_database(name, host=host, port=urlsplit(database_url).port or 5432):
        say(f"Created database {name}.")

    env = production_env(
        database_url,
        BEHIND_TLS_PROXY="1",
        PROXY_COUNT="1",
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
    )
    say(f"Seeding {arguments.slots} slots ...")
    seeded = _child("--seed", env, "--slots", str(arguments.slots))
    prepare_static(env)
    port = free_port()
    workers = arguments.workers or 2 * (os.cpu_count() or 1) + 1
    log = Path(tempfile.gettempdir()) / f"bench-booking-{port}.log"
    with Gunicorn(env, port=port, workers=workers, log_path=log) as server:
        server.wait_healthy()
        say(
            f"gunicorn: {workers} workers x 4 threads on port {port}; {arguments.clients} "
            f"clients, each slot {arguments.contention}x ..."
        )
        seconds, statuses, errors = book_all(
            port,
            seeded["slots"],
            seeded["topic"],
            clients=arguments.clients,
            contention=arguments.contention,
        )
    result = _child("--check", env)

    booked = result["bookings"]
    say(f"answers: {dict(sorted(statuses.items(), key=str))}")
    say(
        f"{booked} bookings of {result['slots']} slots in {seconds:.1f} s: "
        f"{booked / seconds:.1f} bookings per second "
        f"({sum(statuses.values()) / seconds:.1f} form posts per second)"
    )
    say(f"double bookings: {result['double_bookings']}")
    say(f"errors: {len(errors)}" + (f" (first: {errors[:5]})" if errors else ""))
    failed = (
        result["double_bookings"] != 0
        or errors
        or result["booked_slots"] != result["slots"]
        or statuses.get(302, 0) != result["slots"]
    )
    say("FAIL" if failed else "PASS")
    if failed:
        say(f"gunicorn log: {log}")
        raise SystemExit(1)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--seed"]:
        seed(int(sys.argv[3]))
    elif sys.argv[1:2] == ["--check"]:
        check()
    else:
        main()
