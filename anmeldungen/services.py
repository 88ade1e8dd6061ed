"""Every write of registrations: register, cancel (and fill the freed place), feedback,
attendance, deletion after the event.

Registering and cancelling lock the event's registration settings row first
(`select_for_update`), so that counting the places taken and taking one is a single step:
parallel requests for the last place queue up on the lock, and exactly one gets it.
Mails are queued in the same transaction (anmeldungen.mails).
"""

from datetime import timedelta

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from anmeldungen import mails
from anmeldungen.models import Feedback, Registration, RegistrationSettings

# Feedback links work this long after the event.
FEEDBACK_WINDOW = timedelta(days=30)


class Refused(Exception):
    """A registration, cancellation or feedback that cannot be taken; the message says why
    in the visitor's language. `field` names the form field it is about, if any."""

    def __init__(self, message, *, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


def closed_reason(event, registration_settings, now=None):
    """Why `event` takes no registrations now, or None while it does."""
    now = now or timezone.now()
    if event.is_cancelled:
        return _("This event has been cancelled, so registration is closed.")
    if event.ends_at <= now:
        return _("This event is over, so registration is closed.")
    if event.starts_at <= now:
        return _("This event has already started, so registration is closed.")
    if not registration_settings.is_open:
        return _("Registration for this event is closed.")
    deadline = registration_settings.deadline
    if deadline is not None and deadline <= now:
        return _("The registration deadline (%(deadline)s) has passed.") % {
            "deadline": formats.date_format(timezone.localtime(deadline), "DATETIME_FORMAT")
        }
    return None


def places_left(registration_settings):
    taken = Registration.objects.confirmed().filter(event=registration_settings.event_id).count()
    return max(registration_settings.capacity - taken, 0)


@transaction.atomic
def register(event, *, name, email, answers, language, now=None):
    """Register `email` for `event`: with a place while there is one, else on the waiting
    list. Raises Refused (nothing saved) when registration is closed or the address is
    registered already."""
    now = now or timezone.now()
    email = email.strip().lower()
    try:
        registration_settings = (
            RegistrationSettings.objects.select_for_update()
            .select_related("event__association")
            .get(event=event)
        )
    except RegistrationSettings.DoesNotExist:
        raise Refused(_("This event takes no registrations on this site.")) from None
    event = registration_settings.event
    reason = closed_reason(event, registration_settings, now)
    if reason:
        raise Refused(reason)
    if Registration.objects.active().filter(event=event, email=email).exists():
        raise Refused(
            _(
                "This e-mail address is already registered for this event. To cancel, use "
                "the link in the confirmation e-mail."
            ),
            field="email",
        )
    has_place = places_left(registration_settings) > 0
    registration = Registration(
        event=event,
        name=name,
        email=email,
        status=Registration.Status.CONFIRMED if has_place else Registration.Status.WAITLISTED,
        language=language,
        consented_at=now,
        confirmed_at=now if has_place else None,
        **answers,
    )
    registration.full_clean(validate_constraints=False)
    registration.save()
    if has_place:
        mails.confirmed(registration)
    else:
        position = Registration.objects.waitlisted().filter(event=event).count()
        mails.waitlisted(registration, position)
    return registration


def _locked_registration(uid):
    """The registration `uid` after its event's settings row is locked (the same order as
    `register`, so the two never wait on each other the wrong way round)."""
    event_id = Registration.objects.filter(uid=uid).values_list("event_id", flat=True).first()
    if event_id is None:
        raise Refused(_("This registration does not exist (any more)."))
    registration_settings = RegistrationSettings.objects.select_for_update().get(event=event_id)
    registration = Registration.objects.select_related("event__association").get(uid=uid)
    return registration, registration_settings


@transaction.atomic
def cancel(uid, now=None):
    """Cancel the registration `uid`; a place it held goes to the first on the waiting list.
    Returns the promoted registration or None."""
    now = now or timezone.now()
    registration, registration_settings = _locked_registration(uid)
    if registration.status == Registration.Status.CANCELLED:
        raise Refused(_("This registration has already been cancelled."))
    if registration.event.starts_at <= now:
        raise Refused(
            _("The event has already started; a registration can no longer be cancelled.")
        )
    held_place = registration.status == Registration.Status.CONFIRMED
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = now
    registration.save(update_fields=["status", "cancelled_at"])
    mails.drop_later_mails(registration)
    mails.cancelled(registration)
    if held_place:
        promoted = fill_free_places(registration_settings, now=now)
        return promoted[0] if promoted else None
    return None


def fill_free_places(registration_settings, now=None):
    """Give free places to the waiting list, first come first served; the caller holds the
    lock on `registration_settings`. Returns the promoted registrations."""
    now = now or timezone.now()
    event = registration_settings.event
    if event.is_cancelled or event.starts_at <= now:
        return []
    free = places_left(registration_settings)
    promoted = list(Registration.objects.waitlisted().filter(event=event)[:free]) if free else []
    for registration in promoted:
        registration.status = Registration.Status.CONFIRMED
        registration.confirmed_at = now
        registration.save(update_fields=["status", "confirmed_at"])
        mails.promoted(registration)
    return promoted


@transaction.atomic
def settings_changed(event_id, now=None):
    """After staff saved an event's registration settings: more places fill the waiting list."""
    registration_settings = (
        RegistrationSettings.objects.select_for_update()
        .select_related("event")
        .filter(event=event_id)
        .first()
    )
    if registration_settings is not None:
        fill_free_places(registration_settings, now=now)


@transaction.atomic
def event_changed(event_id, now=None):
    """After staff saved an event: reminders and feedback requests follow a new date, and
    go nowhere for a cancelled event."""
    now = now or timezone.now()
    active = Registration.objects.confirmed().filter(event=event_id).select_related("event")
    for registration in active.select_related("reminder_mail", "feedback_mail"):
        event = registration.event
        reminder = registration.reminder_mail
        feedback = registration.feedback_mail
        wanted = (event.starts_at - mails.REMINDER_BEFORE, event.ends_at + mails.FEEDBACK_AFTER)
        stored = (
            reminder.send_after if reminder else None,
            feedback.send_after if feedback else None,
        )
        planned = tuple(moment if moment > now else None for moment in wanted)
        if event.is_cancelled:
            mails.drop_later_mails(registration)
        elif stored != planned:
            mails.drop_later_mails(registration)
            mails.schedule_later_mails(registration, now=now)


@transaction.atomic
def give_feedback(uid, *, rating, comment, now=None):
    """Store the feedback of the registration `uid`, once, without who gave it."""
    now = now or timezone.now()
    registration = (
        Registration.objects.select_for_update().select_related("event").filter(uid=uid).first()
    )
    check_feedback_possible(registration, now)
    Feedback.objects.create(event=registration.event, rating=rating, comment=comment)
    registration.feedback_given_at = now
    registration.save(update_fields=["feedback_given_at"])


def check_feedback_possible(registration, now=None):
    now = now or timezone.now()
    if registration is None:
        raise Refused(_("This registration does not exist (any more)."))
    if registration.status != Registration.Status.CONFIRMED:
        raise Refused(_("Only participants of the event can give feedback."))
    if registration.event.ends_at > now:
        raise Refused(_("You can give feedback once the event is over."))
    if registration.event.ends_at + FEEDBACK_WINDOW < now:
        raise Refused(_("The time for feedback on this event has ended."))
    if registration.feedback_given_at is not None:
        raise Refused(_("Thank you, you have already given feedback on this event."))


def set_attended(registrations, attended):
    """Mark registrations as attended (or not); returns how many changed."""
    return (
        registrations.filter(status=Registration.Status.CONFIRMED)
        .exclude(attended=attended)
        .update(attended=attended)
    )


def purge(now=None):
    """Delete the registrations whose retention time after their event has passed."""
    deleted, _per_model = Registration.objects.due_for_deletion(now).delete()
    return deleted
