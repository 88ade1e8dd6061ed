"""Sending one stored mail: claim it so no two senders send it, send it, record the outcome.

Used by the delivery task (postausgang.tasks), the sweep (`outbox.send_due`) and the
admin. A failure (refused header, SMTP server away) is logged and recorded on the row,
never raised: whoever caused the mail has saved their change already.
"""

import logging
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import Q
from django.utils import timezone

from postausgang.models import OutgoingMail

logger = logging.getLogger(__name__)

Status = OutgoingMail.Status

# After this many attempts a mail stays failed until someone sends it again in the admin.
MAX_ATTEMPTS = 10
# The wait after the n-th failed attempt before the next one (the last value repeats).
# Together about three days: an SMTP outage of a weekend delays mail, it does not lose it.
RETRY_DELAYS = tuple(
    timedelta(minutes=minutes) for minutes in (1, 5, 15, 60, 180, 360, 720, 1440, 1440)
)
# A mail "sending" for longer than this was left behind by a process that died.
STALE_SENDING = timedelta(minutes=15)
ERROR_MAX_LENGTH = 1000

# The failures of the current request (postausgang.middleware tells staff about them).
_failures: ContextVar[list | None] = ContextVar("postausgang_failures", default=None)


def retry_delay(attempts: int) -> timedelta:
    """How long after its last attempt a mail that failed `attempts` times is tried again."""
    if attempts <= 0:
        return timedelta(0)
    return RETRY_DELAYS[min(attempts, len(RETRY_DELAYS)) - 1]


def next_attempt_at(mail):
    """When a failed mail is tried again, or None once its attempts are used up."""
    if mail.status != Status.FAILED or mail.attempts >= MAX_ATTEMPTS:
        return None
    return (mail.claimed_at or mail.created_at) + retry_delay(mail.attempts)


def claim(pk, now=None):
    """Mark the mail as being sent, in one UPDATE, so two senders never both send it.
    None if it is sent, being sent, or not due yet."""
    now = now or timezone.now()
    claimable = Q(status__in=[Status.QUEUED, Status.FAILED]) | Q(
        status=Status.SENDING, claimed_at__lt=now - STALE_SENDING
    )
    claimable &= Q(send_after__isnull=True) | Q(send_after__lte=now)
    claimed = OutgoingMail.objects.filter(claimable, pk=pk).update(
        status=Status.SENDING, claimed_at=now
    )
    return OutgoingMail.objects.filter(pk=pk).first() if claimed else None


def deliver(mail) -> bool:
    """Send a claimed mail; True if it went out."""
    mail.attempts += 1
    try:
        message = EmailMessage(
            subject=mail.subject,
            body=mail.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=mail.to,
            reply_to=mail.reply_to or None,
            headers=mail.headers or None,
        )
        for attachment in mail.attachments:
            message.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
        message.send()
    except Exception as error:  # Any backend failure: SMTP, DNS, a refused header, ...
        logger.exception("Sending outgoing mail %s (%s) failed", mail.pk, mail.kind)
        mail.status = Status.FAILED
        mail.last_error = f"{type(error).__name__}: {error}"[:ERROR_MAX_LENGTH]
        mail.save(update_fields=["status", "attempts", "last_error"])
        failures = _failures.get()
        if failures is not None:
            failures.append(mail.pk)
        return False
    mail.status = Status.SENT
    mail.sent_at = timezone.now()
    mail.last_error = ""
    mail.save(update_fields=["status", "attempts", "last_error", "sent_at"])
    return True


def send(pk) -> bool:
    """Send the mail `pk` now, in this process, if nobody else is sending it; True if it
    went out."""
    mail = claim(pk)
    if mail is None:
        return False
    return deliver(mail)


@contextmanager
def watch_failures():
    """Collects the pks of mails that fail to send within the block, in this thread."""
    failed = []
    token = _failures.set(failed)
    try:
        yield failed
    finally:
        _failures.reset(token)
