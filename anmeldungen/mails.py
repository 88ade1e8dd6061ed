"""The mails to someone who registered, in the language they registered in.

Every mail goes through the outbox (postausgang) inside the transaction of the change that
causes it. Reminder and feedback request wait in the outbox until their time (`send_after`)
and are dropped there when the registration is cancelled. No mail carries the answers to
the event's questions: they are for the organisers only.
"""

from datetime import timedelta

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anmeldungen import links
from kern.site_url import absolute_url
from postausgang import outbox
from postausgang.models import OutgoingMail
from veranstaltungen.calendar import build_calendar
from veranstaltungen.templatetags.events import event_period

REMINDER_BEFORE = timedelta(hours=24)
# The feedback request goes out a few hours after the end, when everyone is home again.
FEEDBACK_AFTER = timedelta(hours=3)
CALENDAR_FILENAME = "veranstaltung.ics"


def _context(registration):
    event = registration.event
    return {
        "registration": registration,
        "event": event,
        "period": event_period(event),
        "place": _("Online") if event.is_online else event.place_line,
        "event_url": absolute_url(event.get_absolute_url()),
        "cancel_url": links.cancel_url(registration),
    }


def _calendar_attachment(event):
    body = build_calendar([event], name=event.title, absolute_url=absolute_url)
    return (CALENDAR_FILENAME, body.decode(), "text/calendar")


def _queue(registration, template, subject, *, calendar=False, send_after=None, extra=None):
    with translation.override(registration.language):
        context = {**_context(registration), **(extra or {})}
        body = render_to_string(f"anmeldungen/email/{template}.txt", context)
        # Subjects are lazy: translated here, in the registration's language.
        subject = str(subject) % {"title": registration.event.title}
        attachments = [_calendar_attachment(registration.event)] if calendar else []
    return outbox.queue(
        to=[registration.email],
        subject=subject,
        body=body,
        attachments=attachments,
        send_after=send_after,
        kind=f"anmeldungen/{template}",
    )


def confirmed(registration):
    _queue(
        registration, "confirmed", gettext_lazy("Registration confirmed: %(title)s"), calendar=True
    )
    schedule_later_mails(registration)


def waitlisted(registration, position):
    _queue(
        registration,
        "waitlisted",
        gettext_lazy("You are on the waiting list: %(title)s"),
        extra={"position": position},
    )


def promoted(registration):
    _queue(
        registration,
        "promoted",
        gettext_lazy("A place has become free: you are registered for %(title)s"),
        calendar=True,
    )
    schedule_later_mails(registration)


def cancelled(registration):
    _queue(registration, "cancelled", gettext_lazy("Registration cancelled: %(title)s"))


def schedule_later_mails(registration, now=None):
    """Queue the reminder (24 hours before) and the feedback request (after the end) of a
    confirmed registration, each only if its time is still ahead."""
    now = now or timezone.now()
    event = registration.event
    remind_at = event.starts_at - REMINDER_BEFORE
    if remind_at > now:
        registration.reminder_mail = _queue(
            registration, "reminder", gettext_lazy("Tomorrow: %(title)s"), send_after=remind_at
        )
    ask_at = event.ends_at + FEEDBACK_AFTER
    if ask_at > now:
        registration.feedback_mail = _queue(
            registration,
            "feedback",
            gettext_lazy("How was it? %(title)s"),
            send_after=ask_at,
            extra={"feedback_url": links.feedback_url(registration)},
        )
    registration.save(update_fields=["reminder_mail", "feedback_mail"])


def drop_later_mails(registration):
    """Take the reminder and feedback request out of the outbox, unless already sent."""
    waiting = [pk for pk in (registration.reminder_mail_id, registration.feedback_mail_id) if pk]
    if waiting:
        OutgoingMail.objects.filter(pk__in=waiting, status=OutgoingMail.Status.QUEUED).delete()
    registration.reminder_mail = registration.feedback_mail = None
    registration.save(update_fields=["reminder_mail", "feedback_mail"])
