"""Prepare the database that DATABASE_URL names for a load, fault or two-process test.

Runs inside Django (a child process of the test scripts, with the test's environment):
migrates, seeds demo profiles up to --profiles (without images), adds the demo news,
success reports and events once, optionally creates a member with a known password who
edits one published profile, and prints one JSON line with what the test scripts need
(real slugs, districts, the member's profile).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kreativ_load SECRET_KEY=... \\
        .venv/bin/python loadtest/prepare_db.py --profiles 20000 --slugs 500
"""

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kreativ_sachsen.settings")

import django  # noqa: E402

django.setup()

from axes.models import AccessAttempt  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from aktuelles.models import NewsItem, SuccessReport  # noqa: E402
from demo.events import create_demo_events  # noqa: E402
from demo.members import create_demo_profiles  # noqa: E402
from demo.news import create_demo_news, create_demo_success_reports  # noqa: E402
from konten.models import User  # noqa: E402
from mitglieder.models import Profile  # noqa: E402
from veranstaltungen.models import Event  # noqa: E402
from verbaende.models import District  # noqa: E402


def log(message: str) -> None:
    # stdout carries the JSON answer; progress goes to stderr.
    print(f"[prepare_db] {message}", file=sys.stderr, flush=True)


def seed(target: int) -> None:
    existing = Profile.objects.count()
    if existing < target:
        started = time.perf_counter()
        # Same seeding rule as bench/directory.py: a new seed per top-up, fresh slugs.
        created = create_demo_profiles(target - existing, seed=existing + 1, with_images=False)
        log(f"seeded {created} profiles in {time.perf_counter() - started:.1f} s")
    else:
        log(f"{existing} profiles present, reused")
    with transaction.atomic():
        if not NewsItem.objects.exists():
            log(f"created {len(create_demo_news(with_images=False))} news articles")
        if not SuccessReport.objects.exists():
            log(f"created {len(create_demo_success_reports())} success reports")
        # Idempotent: only missing demo events are created.
        create_demo_events()


def ensure_member(email: str, password: str) -> dict:
    """A member with a known password who edits one published, listed profile."""
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=password)
    else:
        user.set_password(password)
        user.is_active = True
        user.save()
    # A previous run's failed logins must not lock this run out.
    AccessAttempt.objects.filter(username=email).delete()
    profile = Profile.objects.editable_by(user).order_by("pk").first()
    if profile is None:
        profile = Profile.objects.listed().filter(owners=None).order_by("pk").first()
        profile.owners.add(user)
    return {
        "email": email,
        "pk": profile.pk,
        "slug": profile.slug,
        "name": profile.name,
        "tagline": profile.tagline,
        "version": profile.version,
    }


def answer(slug_count: int) -> dict:
    slugs = list(Profile.objects.listed().order_by("pk").values_list("slug", flat=True))
    sample = random.Random(7).sample(slugs, min(slug_count, len(slugs)))  # noqa: S311 - test data
    return {
        "profiles": Profile.objects.count(),
        "published": Profile.objects.published().count(),
        "slugs": sample,
        "districts": list(District.objects.order_by("slug").values_list("slug", flat=True)),
        "news": list(NewsItem.objects.published().order_by("pk").values_list("slug", flat=True)),
        "events": list(Event.objects.upcoming().order_by("pk").values_list("slug", flat=True)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=200)
    parser.add_argument("--slugs", type=int, default=20, help="how many profile slugs to return")
    parser.add_argument("--member-email")
    parser.add_argument("--member-password")
    arguments = parser.parse_args()

    call_command("migrate", verbosity=0)
    seed(arguments.profiles)
    if connection.vendor == "postgresql":
        # Statistics for the planner and the visibility map for index-only scans, as a
        # database in service has them from autovacuum.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    result = answer(arguments.slugs)
    if arguments.member_email:
        result["member"] = ensure_member(arguments.member_email, arguments.member_password)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
