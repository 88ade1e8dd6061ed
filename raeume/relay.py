"""Messages to the poster of a listing: the site e-mails the visitor's text to the poster
with Reply-To set to the visitor. The poster's address never appears in any page.

The same form (kern.contact_form) and the same rules as the profile contact relay:
a honeypot, per-IP and per-listing limits counted before sending (kern.rate_limits), and
delivery through the outbox (postausgang).
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from kern.rate_limits import Limit
from postausgang import outbox
from postausgang.headers import address_with_name

MAIL_LANGUAGE = "de"

IP_LIMIT = Limit("raeume-contact-ip", attempts=5, seconds=60 * 60)
LISTING_LIMIT = Limit("raeume-contact-listing", attempts=20, seconds=24 * 60 * 60)


def can_be_contacted(listing) -> bool:
    """Public, not taken, and someone who receives the message."""
    return not listing.is_taken and bool(listing.poster.is_active and listing.poster.email)


def send_message(listing, *, sender_name, sender_email, message):
    with translation.override(MAIL_LANGUAGE):
        context = {
            "listing": listing,
            "sender_name": sender_name,
            "sender_email": sender_email,
            "message": message,
            "listing_url": settings.SITE_URL + listing.get_absolute_url(),
        }
        subject = render_to_string("raeume/email/contact_message_subject.txt", context)
        body = render_to_string("raeume/email/contact_message.txt", context)
    return outbox.send_now(
        to=[listing.poster.email],
        subject=subject,
        body=body,
        reply_to=[address_with_name(sender_name, sender_email)],
        kind="raeume/message",
    )
