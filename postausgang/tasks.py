"""The delivery task: every stored mail is sent by `deliver_mail`, in the background.

With the database queue (production) the web request only stores the mail and a task
row; `manage.py db_worker` sends it, and a failed attempt enqueues the next one after
`delivery.retry_delay` (1, 5, 15, 60 minutes, ...), up to `delivery.MAX_ATTEMPTS`. With
the immediate backend (development, tests) the task runs at once in the process that
enqueued it, and failed mails wait for the sweep (`send_queued_mail`): retrying there
would keep a request waiting on a mail server that is away.

The OutgoingMail row, not the task row, says what is sent: a task finds its mail sent
already (by the sweep or a task enqueued twice) and does nothing, and a lost task row
loses no mail, because the sweep sends whatever is due.
"""

import logging

from django.tasks import task
from django.utils import timezone

from postausgang.delivery import MAX_ATTEMPTS, claim, deliver, next_attempt_at
from postausgang.models import OutgoingMail

logger = logging.getLogger(__name__)


@task
def deliver_mail(pk: int) -> str:
    """Send the mail `pk` if it is due and nobody sends it already; plan the next attempt
    if it fails. Returns what happened, for the task's result row."""
    mail = claim(pk)
    if mail is None:
        waiting = OutgoingMail.objects.filter(
            pk=pk, status=OutgoingMail.Status.QUEUED, send_after__gt=timezone.now()
        ).first()
        if waiting is not None:
            # Its time was moved later since this task was enqueued.
            hand_over(waiting.pk, run_after=waiting.send_after)
            return "waiting"
        return "skipped"
    if deliver(mail):
        return "sent"
    if mail.attempts < MAX_ATTEMPTS and supports_later_runs():
        hand_over(mail.pk, run_after=next_attempt_at(mail))
    return "failed"


def supports_later_runs() -> bool:
    """Whether the task backend can run a task at a later moment (the database queue can,
    the immediate backend cannot)."""
    return deliver_mail.get_backend().supports_defer


def hand_over(pk, *, run_after=None):
    """Enqueue the delivery of mail `pk`, at `run_after` if that lies ahead. Never raises:
    a mail whose task could not be enqueued (or cannot wait with this backend) is sent by
    the sweep once due."""
    try:
        delivery = deliver_mail
        if run_after is not None and run_after > timezone.now():
            if not supports_later_runs():
                return None
            delivery = delivery.using(run_after=run_after)
        return delivery.enqueue(pk)
    except Exception:
        logger.exception("Enqueuing mail %s failed; send_queued_mail will send it.", pk)
        return None
