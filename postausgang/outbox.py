"""Queue a mail with the change that causes it; send it after the commit; retry later.

`queue()` stores the mail inside the caller's transaction and sends it once that commits.
A failure (refused header, SMTP server away) is logged and recorded on the row, never
raised: the decision is saved, and a 500 would only hide that from the staff member.
`send_due()` (the `send_queued_mail` command, every few minutes) retries failed mails.
"""

import logging
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from postausgang.headers import single_line, subject_line
from postausgang.models import OutgoingMail

logger = logging.getLogger(__name__)

Status = OutgoingMail.Status

# After this many attempts a mail stays failed until someone looks at it.
MAX_ATTEMPTS = 10
# A mail "sending" for longer than this was left behind by a process that died.
STALE_SENDING = timedelta(minutes=15)
# Sent mails hold personal data (addresses, messages from the contact form): kept only
# long enough to answer "did it go out?".
KEEP_SENT = timedelta(days=7)
KEEP_FAILED = timedelta(days=30)
ERROR_MAX_LENGTH = 1000

# The failures of the current request (postausgang.middleware tells staff about them).
_failures: ContextVar[list | None] = ContextVar("postausgang_failures", default=None)


def queue(
    *,
    to,
    subject,
    body,
    reply_to=(),
    kind="",
    headers=None,
    attachments=(),
    send_after=None,
) -> OutgoingMail | None:
    """Store a mail and send it after the current transaction commits (at once outside one).

    `headers`: extra one-line headers; `attachments`: (filename, text content, mimetype)
    triples; `send_after`: a later moment (a reminder), until which `send_due` leaves it."""
    mail = _store(
        to=to,
        subject=subject,
        body=body,
        reply_to=reply_to,
        kind=kind,
        headers=headers,
        attachments=attachments,
        send_after=send_after,
    )
    if mail is not None and not _is_later(mail):
        transaction.on_commit(lambda: send(mail.pk))
    return mail


def _is_later(mail) -> bool:
    return mail.send_after is not None and mail.send_after > timezone.now()


def send_now(*, to, subject, body, reply_to=(), kind="") -> OutgoingMail | None:
    """Store a mail and try to send it at once: for mails that no saved change waits for
    (the contact relay). A failure leaves it to `send_queued_mail` like any other."""
    mail = _store(to=to, subject=subject, body=body, reply_to=reply_to, kind=kind)
    if mail is not None:
        send(mail.pk)
    return mail


def _store(*, to, subject, body, reply_to, kind, headers=None, attachments=(), send_after=None):
    recipients = sorted({address for address in to if address})
    if not recipients:
        return None
    return OutgoingMail.objects.create(
        kind=kind[:80],
        to=recipients,
        reply_to=list(reply_to),
        subject=subject_line(subject),
        body=body,
        headers={name: single_line(value) for name, value in (headers or {}).items()},
        attachments=[
            {"filename": single_line(filename), "content": content, "mimetype": mimetype}
            for filename, content, mimetype in attachments
        ],
        send_after=send_after,
    )


def send(pk) -> bool:
    """Send the mail `pk` if nobody else is sending it; True if it went out."""
    mail = _claim(pk)
    if mail is None:
        return False
    return _deliver(mail)


def send_due(now=None) -> tuple[int, int]:
    """Send what is queued, failed with attempts left, or stuck in "sending";
    (sent, failed). Also forgets old sent and failed mails."""
    now = now or timezone.now()
    due = (
        OutgoingMail.objects.filter(
            Q(status__in=[Status.QUEUED, Status.FAILED], attempts__lt=MAX_ATTEMPTS)
            | Q(status=Status.SENDING, claimed_at__lt=now - STALE_SENDING)
        )
        .exclude(send_after__gt=now)
        .order_by("created_at", "pk")
    )
    sent = failed = 0
    for pk in due.values_list("pk", flat=True):
        mail = _claim(pk, now=now)
        if mail is None:
            continue
        if _deliver(mail):
            sent += 1
        else:
            failed += 1
    OutgoingMail.objects.filter(status=Status.SENT, sent_at__lt=now - KEEP_SENT).delete()
    OutgoingMail.objects.filter(status=Status.FAILED, created_at__lt=now - KEEP_FAILED).delete()
    return sent, failed


def _claim(pk, now=None):
    """Mark the mail as being sent, in one UPDATE, so two senders never both send it."""
    now = now or timezone.now()
    claimable = Q(status__in=[Status.QUEUED, Status.FAILED]) | Q(
        status=Status.SENDING, claimed_at__lt=now - STALE_SENDING
    )
    claimable &= Q(send_after__isnull=True) | Q(send_after__lte=now)
    claimed = OutgoingMail.objects.filter(claimable, pk=pk).update(
        status=Status.SENDING, claimed_at=now
    )
    return OutgoingMail.objects.filter(pk=pk).first() if claimed else None


def _deliver(mail) -> bool:
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


@contextmanager
def watch_failures():
    """Collects the pks of mails that fail to send within the block."""
    failed = []
    token = _failures.set(failed)
    try:
        yield failed
    finally:
        _failures.reset(token)
