import logging
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from postausgang.outbox import send_due

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "The outbox's safety net next to the delivery task: sends queued mails that no task "
        "took and failed ones whose pause is over, then forgets sent mails after a week. Once "
        "(from cron or a systemd timer), or with --every in a loop (bin/start-production)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=int,
            default=0,
            metavar="SECONDS",
            help="Keep running and sweep every SECONDS seconds (0: sweep once and stop).",
        )

    def handle(self, *args, every, **options):
        if every < 0:
            raise CommandError("--every must be 0 or more seconds.")
        while True:
            try:
                sent, failed = send_due()
            except Exception:
                if not every:
                    raise
                # A database restart must not end the loop: the next round tries again.
                logger.exception("Sweeping the outbox failed.")
            else:
                if options["verbosity"] and (sent or failed or not every):
                    self.stdout.write(f"{sent} sent, {failed} failed")
            if not every:
                return
            close_old_connections()
            time.sleep(every)
