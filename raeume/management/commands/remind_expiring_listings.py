from django.core.management.base import BaseCommand

from raeume.expiry import REMINDER_DAYS, send_reminders


class Command(BaseCommand):
    help = (
        f"Mail the posters of listings that expire within {REMINDER_DAYS} days a link to "
        "renew them, once per listing and period. Run it daily from cron."
    )

    def handle(self, *args, **options):
        sent = send_reminders()
        self.stdout.write(f"{sent} renewal reminder(s) queued.")
