"""Writes with side effects: booking, cancelling, rebooking, marking, feedback, purging.

Each write runs in one transaction and queues its mails in it (postausgang.outbox), so a
booking never exists without its confirmation and a rolled-back booking sends nothing.
Booking locks the slot row (`select_for_update`) before it looks for an active booking;
the partial unique index on the slot backs that up where the lock does not exist (SQLite
has no row locks, but writes one transaction at a time).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from beratung.calendar import booking_calendar
from beratung.models import Booking, Feedback, Slot
from postausgang import outbox
from postausgang.models import OutgoingMail

MANAGE_SALT = "beratung.booking.manage"
FEEDBACK_SALT = "beratung.booking.feedback"
# Slots are offered at most a year ahead; no link of ours needs to live longer.
LINK_MAX_AGE = timedelta(days=400)
REMINDER_BEFORE = timedelta(hours=24)
FEEDBACK_AFTER = timedelta(hours=3)
# How long after the consultation the feedback link works.
FEEDBACK_DAYS = 30


class SlotUnavailable(Exception):
    """The slot cannot be booked; `reason` is one of MESSAGES."""

    MESSAGES = {
        "missing": _("This appointment does not exist (any more). Please choose another one."),
        "cancelled": _("This appointment has been cancelled. Please choose another one."),
        "past": _("This appointment is in the past and can no longer be booked."),
        "taken": _(
            "Someone else has just booked this appointment. Nothing was saved for you: "
            "please choose another one."
        ),
    }

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason

    @property
    def message(self):
        return self.MESSAGES[self.reason]


class BadLink(Exception):
    MESSAGES = {
        "invalid": _(
            "This link is incomplete or has been changed. Please open the link from your "
            "e-mail exactly as it is, or copy all of it into the address bar."
        ),
        "expired": _("This link has expired. Please contact the association directly."),
        "gone": _(
            "This booking no longer exists: it was deleted after the appointment, or "
            "replaced by a newer one."
        ),
    }

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason

    @property
    def message(self):
        return self.MESSAGES[self.reason]


# Signed links -----------------------------------------------------------------------------


def _sign(booking, salt, until):
    payload = {"b": booking.pk, "k": booking.link_key.hex, "u": int(until.timestamp())}
    return signing.dumps(payload, salt=salt, compress=True)


def manage_token(booking) -> str:
    return _sign(booking, MANAGE_SALT, booking.slot.ends_at)


def feedback_token(booking) -> str:
    return _sign(booking, FEEDBACK_SALT, booking.slot.ends_at + timedelta(days=FEEDBACK_DAYS))


def booking_for_token(token, *, feedback=False):
    """The booking a signed link names; BadLink if it was changed, is too old or the
    booking is gone. A manage link stays readable after the appointment (the page says it
    is over); a feedback link expires FEEDBACK_DAYS after it."""
    salt = FEEDBACK_SALT if feedback else MANAGE_SALT
    try:
        payload = signing.loads(token, salt=salt, max_age=LINK_MAX_AGE)
        pk, key, until = int(payload["b"]), str(payload["k"]), int(payload["u"])
    except signing.SignatureExpired:
        raise BadLink("expired") from None
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise BadLink("invalid") from None
    booking = (
        Booking.objects.select_related("slot__advisor", "slot__association", "topic")
        .filter(pk=pk)
        .first()
    )
    if booking is None or booking.link_key.hex != key:
        raise BadLink("gone")
    if feedback and timezone.now().timestamp() > until:
        raise BadLink("expired")
    return booking


def _absolute(path):
    return settings.SITE_URL + path


# Booking ----------------------------------------------------------------------------------


@dataclass
class BookingRequest:
    name: str
    email: str
    topic: object = None
    question: str = ""
    phone: str = ""


def _lock_slot(slot_pk):
    """The slot row, locked until the transaction ends; SlotUnavailable if it cannot be
    booked."""
    try:
        slot_pk = int(slot_pk)
    except (TypeError, ValueError):
        raise SlotUnavailable("missing") from None
    slot = (
        Slot.objects.select_for_update(of=("self",))
        .select_related("advisor", "association")
        .filter(pk=slot_pk)
        .first()
    )
    if slot is None:
        raise SlotUnavailable("missing")
    if slot.is_cancelled or not slot.advisor.is_active:
        raise SlotUnavailable("cancelled")
    if slot.starts_at <= timezone.now():
        raise SlotUnavailable("past")
    if slot.bookings.filter(status__in=Booking.ACTIVE_STATUSES).exists():
        raise SlotUnavailable("taken")
    return slot


def _create(slot, data: BookingRequest, language):
    try:
        # A savepoint: a lost race (possible only without row locks) leaves the outer
        # transaction usable for the caller's error handling.
        with transaction.atomic():
            return Booking.objects.create(
                slot=slot,
                name=data.name,
                email=data.email,
                phone=data.phone,
                topic=data.topic,
                question=data.question,
                consent_at=timezone.now(),
                language=language,
            )
    except IntegrityError:
        raise SlotUnavailable("taken") from None


@transaction.atomic
def book(slot_pk, data: BookingRequest, *, language=None) -> Booking:
    """Book slot `slot_pk` for the visitor; SlotUnavailable (nothing saved) if it is
    missing, cancelled, past or taken."""
    slot = _lock_slot(slot_pk)
    booking = _create(slot, data, language or translation.get_language() or "de")
    _queue_booking_mails(booking)
    return booking


@transaction.atomic
def rebook(booking, slot_pk) -> Booking:
    """Move `booking` to another free slot of the same association: the new booking is
    made and the old one cancelled together, or nothing happens."""
    old = Booking.objects.select_for_update().get(pk=booking.pk)
    if not old.is_active or old.status != Booking.Status.BOOKED:
        raise SlotUnavailable("missing")
    slot = _lock_slot(slot_pk)
    if slot.association_id != old.slot.association_id:
        raise SlotUnavailable("missing")
    _cancel(old, notify=False)
    data = BookingRequest(
        name=old.name, email=old.email, topic=old.topic, question=old.question, phone=old.phone
    )
    new = _create(slot, data, old.language)
    _queue_booking_mails(new, replaces=old)
    return new


@transaction.atomic
def cancel(booking) -> bool:
    """Cancel `booking` (by the booker's link or by staff); False if it was not booked."""
    locked = Booking.objects.select_for_update().get(pk=booking.pk)
    if locked.status != Booking.Status.BOOKED:
        return False
    _cancel(locked, notify=True)
    booking.status = locked.status
    return True


def _cancel(booking, *, notify):
    booking.status = Booking.Status.CANCELLED
    booking.cancelled_at = timezone.now()
    booking.save(update_fields=["status", "cancelled_at"])
    _withdraw_scheduled_mails(booking)
    if notify:
        _queue_cancellation_mails(booking)


def _withdraw_scheduled_mails(booking):
    """The reminder and the feedback request wait in the outbox; a cancelled booking
    needs neither. Mails already on their way stay (they are no longer queued)."""
    pks = [pk for pk in (booking.reminder_mail_id, booking.feedback_mail_id) if pk]
    if pks:
        OutgoingMail.objects.filter(pk__in=pks, status=OutgoingMail.Status.QUEUED).delete()


@transaction.atomic
def mark(bookings, status) -> int:
    """Staff record what happened: attended or no-show (of active bookings of slots that
    have begun). The feedback request goes only to people who came."""
    count = 0
    for booking in bookings.select_for_update().filter(
        status__in=Booking.ACTIVE_STATUSES, slot__starts_at__lte=timezone.now()
    ):
        booking.status = status
        booking.save(update_fields=["status"])
        if status == Booking.Status.NO_SHOW and booking.feedback_mail_id:
            OutgoingMail.objects.filter(
                pk=booking.feedback_mail_id, status=OutgoingMail.Status.QUEUED
            ).delete()
        count += 1
    return count


class FeedbackGiven(Exception):
    pass


@transaction.atomic
def give_feedback(booking, *, rating, comment) -> Feedback:
    locked = Booking.objects.select_for_update().select_related("slot").get(pk=booking.pk)
    if Feedback.objects.filter(booking=locked).exists():
        raise FeedbackGiven
    try:
        with transaction.atomic():
            return Feedback.objects.create(
                association_id=locked.slot.association_id,
                advisor_id=locked.slot.advisor_id,
                booking=locked,
                rating=rating,
                comment=comment,
            )
    except IntegrityError:
        raise FeedbackGiven from None


def purge_bookings(now=None) -> int:
    """Delete bookings whose date lies more than BOOKING_RETENTION_DAYS back; feedback stays,
    without its booking. Returns how many were deleted."""
    with transaction.atomic():
        due = Booking.objects.due_for_deletion(now)
        mails = [
            pk
            for pair in due.values_list("reminder_mail_id", "feedback_mail_id")
            for pk in pair
            if pk
        ]
        OutgoingMail.objects.filter(pk__in=mails, status=OutgoingMail.Status.QUEUED).delete()
        deleted, _per_model = due.delete()
    return deleted


# Mails ------------------------------------------------------------------------------------


def staff_addresses(association):
    staff = get_user_model().objects.filter(is_staff=True, is_active=True)
    addresses = set(staff.in_association(association).values_list("email", flat=True))
    if association.email:
        addresses.add(association.email)
    return sorted(address for address in addresses if address)


def _render(name, context):
    subject = render_to_string(f"beratung/email/{name}_subject.txt", context)
    body = render_to_string(f"beratung/email/{name}.txt", context)
    return subject, body


def _queue_booking_mails(booking, replaces=None):
    slot = booking.slot
    with translation.override(booking.language):
        context = {
            "booking": booking,
            "slot": slot,
            "manage_link": _absolute(
                reverse("beratung:manage", kwargs={"token": manage_token(booking)})
            ),
            "feedback_link": _absolute(
                reverse("beratung:feedback", kwargs={"token": feedback_token(booking)})
            ),
            "replaces": replaces,
        }
        subject, body = _render("confirmation", context)
        ics = booking_calendar(booking)
        outbox.queue(
            to=[booking.email],
            subject=subject,
            body=body,
            kind="beratung/confirmation",
            attachments=[("beratung.ics", ics, "text/calendar")],
        )
        now = timezone.now()
        reminder_at = slot.starts_at - REMINDER_BEFORE
        if reminder_at > now:
            subject, body = _render("reminder", context)
            booking.reminder_mail = outbox.queue(
                to=[booking.email],
                subject=subject,
                body=body,
                kind="beratung/reminder",
                send_after=reminder_at,
            )
        subject, body = _render("feedback_request", context)
        booking.feedback_mail = outbox.queue(
            to=[booking.email],
            subject=subject,
            body=body,
            kind="beratung/feedback_request",
            send_after=slot.ends_at + FEEDBACK_AFTER,
        )
    booking.save(update_fields=["reminder_mail", "feedback_mail"])
    # Staff read German; the question goes to them and to nobody else.
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = _render("staff_booking", context | {"admin_link": _admin_link(booking)})
    outbox.queue(
        to=staff_addresses(slot.association),
        subject=subject,
        body=body,
        kind="beratung/staff_booking",
    )


def _queue_cancellation_mails(booking):
    with translation.override(booking.language):
        context = {"booking": booking, "slot": booking.slot}
        subject, body = _render("cancelled", context)
        outbox.queue(
            to=[booking.email],
            subject=subject,
            body=body,
            kind="beratung/cancelled",
            attachments=[("beratung.ics", booking_calendar(booking), "text/calendar")],
        )
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = _render("staff_cancelled", context | {"admin_link": _admin_link(booking)})
    outbox.queue(
        to=staff_addresses(booking.slot.association),
        subject=subject,
        body=body,
        kind="beratung/staff_cancelled",
    )


def _admin_link(booking):
    return _absolute(reverse("admin:beratung_booking_change", args=[booking.pk]))
