from django.core.management.base import BaseCommand

from konten.registration import PURGE_DAYS, purge_unconfirmed


class Command(BaseCommand):
    help = (
        "Delete accounts registered at /konto/registrieren/ and not confirmed within "
        f"{PURGE_DAYS} days. Run daily from cron."
    )

    def handle(self, *args, **options):
        deleted = purge_unconfirmed()
        self.stdout.write(
            f"Deleted {deleted} registrations not confirmed within {PURGE_DAYS} days."
        )
