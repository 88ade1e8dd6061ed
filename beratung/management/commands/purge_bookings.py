from django.conf import settings
from django.core.management.base import BaseCommand

from beratung.services import purge_bookings


class Command(BaseCommand):
    help = (
        "Delete consultation bookings whose date lies more than BOOKING_RETENTION_DAYS "
        "(default 183) back. Run it daily from cron."
    )

    def handle(self, *args, **options):
        deleted = purge_bookings()
        self.stdout.write(
            f"{deleted} booking(s) deleted (older than {settings.BOOKING_RETENTION_DAYS} days)."
        )
