"""Writes of the Kooperationsbörse: posting, editing, closing and renewing calls, and the
relayed replies to them."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from kern.rate_limits import Limit
from mitglieder import contact_address
from postausgang import outbox
from postausgang.headers import address_with_name

# A member posts at most this many calls a day (per account).
POST_LIMIT = Limit("call-post", attempts=5, seconds=24 * 60 * 60)
# Replies: per sending IP address and per call.
REPLY_IP_LIMIT = Limit("call-reply-ip", attempts=5, seconds=60 * 60)
REPLY_CALL_LIMIT = Limit("call-reply-call", attempts=20, seconds=24 * 60 * 60)

# E-mails to members are German, whatever language the sender used the site in.
MAIL_LANGUAGE = "de"


class NotRenewableError(Exception):
    """Staff hid the call, or its deadline has passed: renewing would change nothing."""


@transaction.atomic
def create_call(form, author):
    call = form.save(commit=False)
    call.author = author
    call.status = call.Status.PUBLISHED
    call.published_at = timezone.now()
    call.start_lifetime()
    call.save()
    form.save_m2m()
    return call


@transaction.atomic
def update_call(form):
    call = form.save(commit=False)
    if "deadline" in form.changed_data:
        call.start_lifetime()
    call.save()
    form.save_m2m()
    return call


@transaction.atomic
def close_call(call):
    if call.status == call.Status.PUBLISHED:
        call.status = call.Status.CLOSED
        call.save(update_fields=["status", "updated_at"])


@transaction.atomic
def renew_call(call):
    """Online again for another period (until the deadline, or 90 days from today)."""
    today = timezone.localdate()
    if call.status == call.Status.HIDDEN or (call.deadline and call.deadline < today):
        raise NotRenewableError
    call.status = call.Status.PUBLISHED
    call.start_lifetime(today)
    call.save(update_fields=["status", "expires_on", "updated_at"])


def recipients(profile) -> list[str]:
    """Like the contact relay: the profile's contact address once confirmed, else its
    active editors' addresses."""
    if contact_address.is_confirmed(profile):
        return [profile.contact_email]
    return contact_address.editor_addresses(profile)


def send_reply(call, *, sender_name, sender_email, message) -> None:
    """E-mail the reply to the member; their answer goes straight to the sender."""
    with translation.override(MAIL_LANGUAGE):
        context = {
            "call": call,
            "profile": call.profile,
            "sender_name": sender_name,
            "sender_email": sender_email,
            "message": message,
            "call_url": settings.SITE_URL + call.get_absolute_url(),
        }
        subject = render_to_string("kooperationen/email/reply_subject.txt", context)
        body = render_to_string("kooperationen/email/reply.txt", context)
    outbox.send_now(
        to=recipients(call.profile),
        subject=subject,
        body=body,
        reply_to=[address_with_name(sender_name, sender_email)],
        kind="kooperationen/reply",
    )
