import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo.calls import create_demo_calls
from demo.consultations import create_demo_consultations
from demo.contact_persons import create_demo_contact_persons
from demo.events import create_demo_events
from demo.members import DEFAULT_SEED, create_demo_profiles
from demo.news import create_demo_news, create_demo_success_reports
from demo.registrations import open_demo_registrations
from demo.spaces import create_demo_spaces
from mitglieder.models import Profile


class Command(BaseCommand):
    help = (
        "Create realistic German demo member profiles, news, success reports and events "
        "(deterministic for a given seed)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--members", type=int, default=120, help="How many profiles to create (default 120)."
        )
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help=f"Random seed (default {DEFAULT_SEED})."
        )
        parser.add_argument(
            "--no-images",
            action="store_false",
            dest="with_images",
            help="Skip the generated placeholder images (much faster).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DEBUG is off (demo content on a production database).",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if any profile exists, so `make run` can call this every time.",
        )

    def handle(self, *args, members, seed, with_images, if_empty, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Demo members are for development: set DEBUG=1, or pass --force if you "
                "really want invented profiles in this database."
            )
        if members < 0:
            raise CommandError("--members must not be negative.")
        started = time.perf_counter()
        with transaction.atomic():
            if if_empty and Profile.objects.exists():
                self.stdout.write("Profiles already exist; no demo content added (--if-empty).")
                return
            created = create_demo_profiles(members, seed=seed, with_images=with_images)
            news = create_demo_news(with_images=with_images)
            reports = create_demo_success_reports(seed=seed)
            events = create_demo_events(seed=seed, with_images=with_images)
            slots = create_demo_consultations()
            registrations = open_demo_registrations()
            spaces = create_demo_spaces(with_images=with_images)
            calls = create_demo_calls(seed=seed)
            persons = create_demo_contact_persons()
        elapsed = time.perf_counter() - started
        images = "with images" if with_images else "without images"
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {created} demo profiles, {len(news)} news articles, {len(reports)} "
                f"success reports, {events} events ({registrations} with registration) "
                f"{slots} consultation slots, {len(spaces)} Raumbörse listings and "
                f"{len(calls)} cooperation calls, {persons} contact persons "
                f"(seed {seed}, {images}) "
                f"in {elapsed:.1f} s."
            )
        )
