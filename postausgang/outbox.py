"""Queue a mail with the change that causes it; deliver it in the background; retry later.

`queue()` stores the mail inside the caller's transaction and, once that commits, hands
it to the delivery task (postausgang.tasks): with the database queue the request never
waits for the mail server, and a failure there is recorded on the row and retried with
growing pauses, never raised. `send_due()` (the `send_queued_mail` command, every few
minutes) is the safety net: it sends whatever is due that no task took, also when a task
row was lost, and forgets old mails.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from postausgang.delivery import (
    MAX_ATTEMPTS,
    STALE_SENDING,
    claim,
    deliver,
    retry_delay,
    send,
    watch_failures,
)
from postausgang.headers import single_line, subject_line
from postausgang.models import OutgoingMail
from postausgang.tasks import deliver_mail, hand_over

Status = OutgoingMail.Status

# Sent mails hold personal data (addresses, messages from the contact form): kept only
# long enough to answer "did it go out?".
KEEP_SENT = timedelta(days=7)
KEEP_FAILED = timedelta(days=30)

__all__ = [
    "KEEP_FAILED",
    "KEEP_SENT",
    "MAX_ATTEMPTS",
    "STALE_SENDING",
    "queue",
    "queue_many",
    "send",
    "send_due",
    "send_now",
    "watch_failures",
]


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
    """Store a mail and hand it to the delivery task after the current transaction commits
    (at once outside one); a rolled-back change sends nothing.

    `headers`: extra one-line headers; `attachments`: (filename, text content, mimetype)
    triples; `send_after`: a later moment (a reminder): the task is enqueued to run then
    (database queue), and neither it nor `send_due` sends the mail before."""
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
    if mail is not None:
        pk, send_after = mail.pk, mail.send_after
        transaction.on_commit(lambda: hand_over(pk, run_after=send_after), robust=True)
    return mail


def queue_many(mails) -> list[OutgoingMail]:
    """`queue()` for many mails at once (alert digests): one bulk INSERT instead of one per
    mail, and each handed to the delivery task after the current transaction commits.

    `mails` is an iterable of dicts with `queue()`'s keyword arguments except `send_after`
    and `attachments`; mails without a recipient are left out."""
    rows = [_row(**mail) for mail in mails]
    rows = [row for row in rows if row is not None]
    if not rows:
        return []
    created = OutgoingMail.objects.bulk_create(rows, batch_size=500)
    pks = [mail.pk for mail in created]
    if None in pks:
        # A backend that does not return the new keys (none we support) would leave the
        # mails to the sweep, which sends whatever is queued.
        return created

    def hand_over_all():
        for pk in pks:
            hand_over(pk)

    transaction.on_commit(hand_over_all, robust=True)
    return created


def send_now(*, to, subject, body, reply_to=(), kind="") -> OutgoingMail | None:
    """Store a mail and hand it to the delivery task at once, not after a commit: for
    mails that no saved change waits for (the contact relay; the password reset, after
    its answer has gone out). Background delivery like any other mail: the visitor does
    not wait for the mail server, and a failure is retried."""
    mail = _store(to=to, subject=subject, body=body, reply_to=reply_to, kind=kind)
    if mail is not None:
        hand_over(mail.pk)
    return mail


def _store(**fields):
    mail = _row(**fields)
    if mail is not None:
        mail.save(force_insert=True)
    return mail


def _row(*, to, subject, body, reply_to=(), kind="", headers=None, attachments=(), send_after=None):
    recipients = sorted({address for address in to if address})
    if not recipients:
        return None
    return OutgoingMail(
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


def send_due(now=None) -> tuple[int, int]:
    """Send what is queued, failed with attempts left, or stuck in "sending";
    (sent, failed). Also forgets old sent and failed mails."""
    now = now or timezone.now()
    due = (
        OutgoingMail.objects.filter(
            Q(status=Status.QUEUED)
            | Q(status=Status.FAILED, attempts__lt=MAX_ATTEMPTS) & _pause_over(now)
            | Q(status=Status.SENDING, claimed_at__lt=now - STALE_SENDING)
        )
        .exclude(send_after__gt=now)
        .order_by("created_at", "pk")
    )
    sent = failed = 0
    for pk in due.values_list("pk", flat=True):
        mail = claim(pk, now=now)
        if mail is None:
            continue
        if deliver(mail):
            sent += 1
        else:
            failed += 1
    OutgoingMail.objects.filter(status=Status.SENT, sent_at__lt=now - KEEP_SENT).delete()
    OutgoingMail.objects.filter(status=Status.FAILED, created_at__lt=now - KEEP_FAILED).delete()
    # The delivery tasks' own rows name only a mail's pk; they go with the sent mails.
    DBTaskResult.objects.filter(
        task_path=deliver_mail.module_path, finished_at__lt=now - KEEP_SENT
    ).delete()
    return sent, failed


def _pause_over(now) -> Q:
    """Failed mails whose pause after their last attempt is over (the same pauses the
    delivery task waits), so the sweep does not hammer a mail server that is away."""
    over = Q(claimed_at__isnull=True)
    for attempts in range(MAX_ATTEMPTS):
        over |= Q(attempts=attempts, claimed_at__lte=now - retry_delay(attempts))
    return over
