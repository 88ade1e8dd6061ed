import logging
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from benachrichtigungen.sending import run_instant, run_weekly
from benachrichtigungen.services import purge_unconfirmed

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Prepares alert mails into the outbox: --instant for new items since each instant "
        "subscription's last mail, --weekly for the digests of subscribers whose week is "
        "over (one mail each). Both also delete subscriptions left unconfirmed for seven "
        "days. Without either option it does all three; with --every in a loop "
        "(bin/start-production)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--instant", action="store_true", help="Instant alerts.")
        parser.add_argument("--weekly", action="store_true", help="Weekly digests that are due.")
        parser.add_argument(
            "--every",
            type=int,
            default=0,
            metavar="SECONDS",
            help="Keep running and repeat every SECONDS seconds (0: once).",
        )

    def handle(self, *args, instant, weekly, every, verbosity, **options):
        if every < 0:
            raise CommandError("--every must be 0 or more seconds.")
        if not instant and not weekly:
            instant = weekly = True
        while True:
            try:
                self.run_once(instant=instant, weekly=weekly, verbosity=verbosity, loud=not every)
            except Exception:
                if not every:
                    raise
                # A database restart must not end the loop: the next round tries again.
                logger.exception("Preparing alerts failed.")
            if not every:
                return
            close_old_connections()
            time.sleep(every)

    def run_once(self, *, instant, weekly, verbosity, loud):
        purged = purge_unconfirmed()
        lines = []
        if instant:
            result = run_instant()
            lines.append(f"instant: {result.mails} mails")
        if weekly:
            result = run_weekly()
            lines.append(f"weekly: {result.mails} mails for {result.subscriptions} subscriptions")
        lines.append(f"{purged} unconfirmed subscriptions deleted")
        if verbosity and (
            loud or any(not line.startswith(("instant: 0", "weekly: 0", "0 ")) for line in lines)
        ):
            self.stdout.write("; ".join(lines))
