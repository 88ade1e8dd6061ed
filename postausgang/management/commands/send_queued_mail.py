from django.core.management.base import BaseCommand

from postausgang.outbox import send_due


class Command(BaseCommand):
    help = (
        "Sends queued e-mails and retries failed ones (run every few minutes from cron or a "
        "systemd timer); forgets sent mails after a week."
    )

    def handle(self, *args, **options):
        sent, failed = send_due()
        self.stdout.write(f"{sent} sent, {failed} failed")
