from django.conf import settings
from django.core.management.base import BaseCommand

from einlesen.services import purge_previews


class Command(BaseCommand):
    help = (
        "Delete member-list uploads that were never imported, IMPORT_PREVIEW_RETENTION_DAYS "
        "(default 14) after the upload. Run it daily from cron."
    )

    def handle(self, *args, **options):
        deleted = purge_previews()
        self.stdout.write(
            f"{deleted} import preview(s) deleted "
            f"(older than {settings.IMPORT_PREVIEW_RETENTION_DAYS} days)."
        )
