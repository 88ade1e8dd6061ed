"""The contact relay: visitors write to a member through a form, the site e-mails the message.

The member's address never appears in any page: the e-mail goes from the site's own sender
to the member, with Reply-To set to the visitor, so the member decides whether to answer.
A honeypot field and per-IP and per-profile limits (kern.rate_limits) keep spam out
without any third-party captcha. Mail goes through the outbox (postausgang), so a mail
server that is away delays a message instead of losing it.
"""

from functools import partial

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from kern.contact_form import ContactForm
from kern.rate_limits import Limit
from kern.relay import relay_message
from mitglieder import contact_address
from mitglieder.models import Profile, Visibility
from postausgang import outbox
from postausgang.headers import address_with_name

# At most this many messages within the window, per sending IP address and per profile.
MESSAGES_PER_IP = 5
IP_WINDOW_SECONDS = 60 * 60
MESSAGES_PER_PROFILE = 20
PROFILE_WINDOW_SECONDS = 24 * 60 * 60

# E-mails to members are German, whatever language the sender used the site in.
MAIL_LANGUAGE = "de"


# What the profile page shows


def may_see(visibility, user) -> bool:
    """Public data for everyone, members-only data for logged-in users, hidden for nobody."""
    if visibility == Visibility.PUBLIC:
        return True
    if visibility == Visibility.MEMBERS:
        return bool(user is not None and user.is_authenticated)
    return False


def visible_contact_details(profile, user) -> dict:
    """Phone and address as far as `user` may see them, and whether logging in shows more.

    Never contains the e-mail address: that one only receives relayed messages.
    """
    has_phone = bool(profile.phone)
    has_address = bool(profile.street_address or profile.postal_code)
    show_phone = has_phone and may_see(profile.phone_visibility, user)
    show_address = has_address and may_see(profile.address_visibility, user)
    anonymous = user is None or not user.is_authenticated
    more_for_members = anonymous and (
        (has_phone and profile.phone_visibility == Visibility.MEMBERS)
        or (has_address and profile.address_visibility == Visibility.MEMBERS)
    )
    return {
        "phone": profile.phone if show_phone else "",
        "phone_uri": _tel_uri(profile.phone) if show_phone else "",
        "street_address": profile.street_address if show_address else "",
        "postal_code": profile.postal_code if show_address else "",
        "show_address": show_address,
        "more_for_members": more_for_members,
    }


def _tel_uri(phone: str) -> str:
    digits = "".join(c for c in phone if c.isdigit() or c == "+")
    return f"tel:{digits}" if digits else ""


# Who receives the messages


def recipients(profile) -> list[str]:
    """The profile's contact address once confirmed, else its active editors' addresses
    (verified by their invitation): an address typed into a profile receives nothing
    before its owner confirmed it (mitglieder.contact_address)."""
    if contact_address.is_confirmed(profile):
        return [profile.contact_email]
    return contact_address.editor_addresses(profile)


def can_be_contacted(profile) -> bool:
    """Whether anybody receives messages for `profile`.

    Without a confirmed contact address this asks the database for an active editor,
    unless the view annotated the profile with `has_active_editors` (an Exists subquery).
    An unconfirmed address that is an editor's own is covered by the editor check.
    """
    if profile.contact_email and (
        profile.contact_email.lower() == profile.confirmed_contact_email.lower()
    ):
        return True
    annotated = getattr(profile, "has_active_editors", None)
    if annotated is not None:
        return bool(annotated)
    return profile.owners.filter(is_active=True).exists()


# Rate limits

# At most this many messages per sending IP address and per profile within the window.
# Counted before sending, atomically (kern.rate_limits), so parallel posts cannot slip
# through between a check and the count.
IP_LIMIT = Limit("contact-ip", attempts=MESSAGES_PER_IP, seconds=IP_WINDOW_SECONDS)
PROFILE_LIMIT = Limit(
    "contact-profile", attempts=MESSAGES_PER_PROFILE, seconds=PROFILE_WINDOW_SECONDS
)


# Sending


def send_contact_message(profile, *, sender_name, sender_email, message) -> None:
    """E-mail the message to the member; replies go straight to the sender."""
    context = {
        "profile": profile,
        "sender_name": sender_name,
        "sender_email": sender_email,
        "message": message,
        "profile_url": settings.SITE_URL + _profile_path(profile),
    }
    with translation.override(MAIL_LANGUAGE):
        subject = render_to_string("mitglieder/email/contact_message_subject.txt", context)
        body = render_to_string("mitglieder/email/contact_message.txt", context)
    outbox.send_now(
        to=recipients(profile),
        subject=subject,
        body=body,
        reply_to=[address_with_name(sender_name, sender_email)],
        kind="kontakt/message",
    )


def _profile_path(profile) -> str:
    with translation.override(MAIL_LANGUAGE):
        return profile.get_absolute_url()


# The view


def _render_page(request, profile, form, *, status=200):
    return render(
        request, "mitglieder/contact.html", {"profile": profile, "form": form}, status=status
    )


@require_http_methods(["GET", "POST"])
def contact(request, slug):
    """GET: the standalone contact page (without JavaScript, and for errors). POST: relay."""
    profile = get_object_or_404(Profile.objects.published(), slug=slug)
    if not can_be_contacted(profile):
        raise Http404
    if request.method == "GET":
        return _render_page(request, profile, ContactForm())

    form = ContactForm(request.POST)
    if not form.is_valid():
        return _render_page(request, profile, form)
    relayed = relay_message(
        request,
        form,
        ip_limit=IP_LIMIT,
        object_limit=PROFILE_LIMIT,
        object_key=profile.pk,
        send=partial(send_contact_message, profile),
    )
    if not relayed:
        return _render_page(request, profile, form, status=429)
    messages.success(
        request,
        _("Thank you, your message has been sent. %(name)s can reply to you by e-mail.")
        % {"name": profile.name},
    )
    return redirect(profile)
