"""The steps every relayed message takes, whoever receives it (a member, a space poster, the
author of a cooperation call): the apps keep only their recipients and mail texts.

A filled honeypot looks like success and is never counted, so bots learn nothing. Otherwise
one message is counted against the visitor's IP address and against the receiving object
(kern.rate_limits, atomically, before anything is sent); once either limit is used up the
form gets a German error and nothing is sent. Sending is the caller's: kern is the bottom
floor and may not import the outbox.
"""

from django.utils.translation import gettext_lazy as _

from kern.client_ip import client_ip
from kern.rate_limits import take_all

TOO_MANY_MESSAGES = _(
    "Too many messages have been sent recently. Nothing was sent: please try again in an "
    "hour, or contact the regional association."
)


def relay_message(
    request, form, *, ip_limit, object_limit, object_key, send, too_many=TOO_MANY_MESSAGES
) -> bool:
    """Carry out a valid kern.contact_form.ContactForm. `send(sender_name=, sender_email=,
    message=)` delivers the message. True when the visitor may be thanked (sent, or a bot
    fooled), False when a limit stopped it (the form then carries `too_many`)."""
    if form.is_spam():
        return True
    allowed = take_all([(ip_limit, client_ip(request) or "unknown"), (object_limit, object_key)])
    if not allowed:
        form.add_error(None, too_many)
        return False
    send(
        sender_name=form.cleaned_data["sender_name"],
        sender_email=form.cleaned_data["sender_email"],
        message=form.cleaned_data["message"],
    )
    return True
