"""Confirming a profile's contact address before the contact relay writes to it.

Anyone editing a profile can type any address into `contact_email`; without a check the
relay would deliver visitors' messages (and the site's good name as a sender) to it. So
a new or changed address gets a signed, expiring link; the relay uses it once the link
was followed, and until then writes to the profile's editors, whose account addresses
were verified by their invitation. An address that is an editor's own account address
needs no link.

Addresses stored before this check existed count as unconfirmed (the migration adds an
empty confirmed address): the relay falls back to the editors until someone confirms.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kern.page_cache import content_changed
from kern.rate_limits import Limit
from mitglieder.models import Profile
from postausgang import outbox

VALID_DAYS = 7
SALT = "mitglieder.contact-address"
# A member may ask for the link again, but not turn the site into a mail cannon.
RESEND_LIMIT = Limit("contact-confirmation", attempts=3, seconds=60 * 60)


def editor_addresses(profile) -> list[str]:
    return sorted(
        profile.owners.filter(is_active=True).exclude(email="").values_list("email", flat=True)
    )


def _is_editor_address(profile, address) -> bool:
    return profile.owners.filter(is_active=True, email__iexact=address).exists()


def is_confirmed(profile) -> bool:
    """Whether the relay may write to `profile.contact_email`."""
    address = profile.contact_email
    if not address:
        return False
    if address.lower() == profile.confirmed_contact_email.lower():
        return True
    return _is_editor_address(profile, address)


def is_pending(profile) -> bool:
    return bool(profile.contact_email) and not is_confirmed(profile)


def address_changed(profile) -> None:
    """After `profile.contact_email` was set or changed: mail the link (in the caller's
    transaction, sent after its commit), unless no link is needed."""
    if is_pending(profile):
        send_link(profile)


def send_link(profile) -> None:
    token = signing.dumps({"profile": profile.pk, "address": profile.contact_email}, salt=SALT)
    with translation.override(settings.LANGUAGE_CODE):
        link = settings.SITE_URL + reverse(
            "self_service:confirm_contact_address", kwargs={"token": token}
        )
        context = {"profile": profile, "link": link, "days": VALID_DAYS}
        subject = render_to_string("mitglieder/email/contact_address_subject.txt", context)
        body = render_to_string("mitglieder/email/contact_address.txt", context)
    outbox.queue(
        to=[profile.contact_email], subject=subject, body=body, kind="mitglieder/contact_address"
    )


def profile_for_token(token):
    """(profile, address) the link `token` confirms, or None if it is forged, expired, or
    the profile's address has changed since."""
    try:
        data = signing.loads(token, salt=SALT, max_age=VALID_DAYS * 24 * 60 * 60)
    except signing.BadSignature:  # Also SignatureExpired.
        return None
    if not isinstance(data, dict):
        return None
    profile = Profile.objects.filter(pk=data.get("profile")).first()
    address = data.get("address")
    if profile is None or not address or profile.contact_email.lower() != str(address).lower():
        return None
    return profile, profile.contact_email


@transaction.atomic
def confirm(profile, address) -> None:
    # update(): no history entry, no version bump (the member's open edit form stays
    # valid); the profile page may now show the contact form, so cached pages go.
    Profile.objects.filter(pk=profile.pk, contact_email=address).update(
        confirmed_contact_email=address
    )
    content_changed()


# Views


@require_http_methods(["GET", "POST"])
def confirm_view(request, token):
    """GET shows a button, POST confirms: mail scanners that open links confirm nothing.
    No login needed: the address may belong to an office, not to an editor."""
    found = profile_for_token(token)
    template = "mitglieder/contact_address_confirm.html"
    if found is None:
        return render(request, template, {}, status=400)
    profile, address = found
    if request.method == "POST":
        confirm(profile, address)
        return render(request, template, {"profile": profile, "confirmed": True})
    return render(request, template, {"profile": profile})


@login_required
@require_POST
def resend_view(request, pk):
    profile = get_object_or_404(Profile.objects.editable_by(request.user), pk=pk)
    if not is_pending(profile):
        messages.info(request, _("The e-mail address for the contact form is confirmed."))
    elif RESEND_LIMIT.take(profile.pk):
        send_link(profile)
        messages.success(request, _("We have sent the confirmation link again."))
    else:
        messages.error(
            request,
            _("The link has been sent several times already; please try again in an hour."),
        )
    return redirect("self_service:section", pk=profile.pk, section="kontakt")
