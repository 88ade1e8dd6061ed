from django.core.management.base import BaseCommand

from anmeldungen import services
from anmeldungen.models import retention


class Command(BaseCommand):
    help = (
        "Delete event registrations whose retention time after the event has passed "
        "(REGISTRATION_RETENTION_DAYS, default 183). Run daily from cron."
    )

    def handle(self, *args, **options):
        deleted = services.purge()
        self.stdout.write(
            f"Deleted {deleted} registrations of events that ended more than "
            f"{retention().days} days ago."
        )
