import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse

from verbaende.models import Association
from verbaende.roles import make_staff

DEMO_EMAIL = "demo@kreativ-sachsen.invalid"
DEMO_NAME = "Demo-Redaktion"
# One staff login per association: staff-chemnitz@…, staff-landesverband@…
STAFF_EMAIL = "staff-{slug}@kreativ-sachsen.invalid"
# The address `make run` serves on; the admin URL printed should be clickable as is.
DEVELOPMENT_SERVER = "http://127.0.0.1:8000"


class Command(BaseCommand):
    help = (
        f"Create or update the staff superuser {DEMO_EMAIL} and one staff login per "
        "association, each with a new random password (development only)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DEBUG is off. Never do this on a public server.",
        )

    def handle(self, *args, force, **options):
        # Logins with well-known addresses must never appear on production by accident,
        # e.g. because someone ran the Makefile's commands against the live database.
        if not settings.DEBUG and not force:
            raise CommandError(
                f"demo_staff creates a superuser with the well-known address {DEMO_EMAIL} and "
                "therefore only runs with DEBUG=1. Pass --force if you really want it here."
            )
        password = secrets.token_urlsafe(12)
        user, created = self._save_demo_user(password)
        action = "Created" if created else "Updated"
        self.stdout.write(self.style.SUCCESS(f"{action} the demo admin (new password each run):"))
        self.stdout.write(f"  URL:      {DEVELOPMENT_SERVER}{reverse('admin:index')}")
        self.stdout.write(f"  E-mail:   {user.email}")
        self.stdout.write(f"  Password: {password}")

        for association in Association.objects.order_by("position", "pk"):
            password = secrets.token_urlsafe(12)
            staff = self._save_staff_user(association, password)
            scope = (
                "all associations"
                if association.is_state_association
                else f"only {association.short_name}"
            )
            self.stdout.write(
                self.style.SUCCESS(f"Staff of {association.short_name} (sees {scope}):")
            )
            self.stdout.write(f"  E-mail:   {staff.email}")
            self.stdout.write(f"  Password: {password}")

    @transaction.atomic
    def _save_demo_user(self, password):
        user_model = get_user_model()
        user, created = user_model.objects.get_or_create(
            email=DEMO_EMAIL, defaults={"full_name": DEMO_NAME}
        )
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(password)
        user.save()
        return user, created

    @transaction.atomic
    def _save_staff_user(self, association, password):
        user_model = get_user_model()
        user, _created = user_model.objects.get_or_create(
            email=STAFF_EMAIL.format(slug=association.slug),
            defaults={"full_name": f"Redaktion {association.short_name}"},
        )
        user.is_active = True
        user.is_superuser = False
        user.set_password(password)
        user.save()
        return make_staff(user, association)
