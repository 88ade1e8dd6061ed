"""Expiry and renewal of listings.

A published listing runs LISTING_LIFETIME_DAYS (Listing.start_lifetime); `public()` leaves
it out once its last day has passed. REMINDER_DAYS before that day the poster gets one mail
with a signed link (`manage.py remind_expiring_listings`, daily); following it and pressing
the button starts the period again. The token names the listing and the expiry day it was
sent for: after a renewal (a new expiry day) the same link renews nothing, so one reminder
gives at most one renewal, and the next period has its own reminder.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from postausgang import outbox
from raeume.models import LISTING_LIFETIME_DAYS, Listing

REMINDER_DAYS = 7
# The link also renews a listing that expired a short while ago (a holiday, a full inbox).
GRACE_DAYS = 30
SALT = "raeume.renewal"
MAX_AGE = datetime.timedelta(days=REMINDER_DAYS + GRACE_DAYS)


class RenewalRefused(Exception):
    """The link does not renew anything; `reason` says why (for the page the poster sees)."""

    INVALID = "invalid"
    EXPIRED = "expired"
    USED = "used"

    def __init__(self, reason, listing=None):
        super().__init__(reason)
        self.reason = reason
        self.listing = listing


def due_for_reminder(today=None):
    """Published, untaken listings whose last day is at most REMINDER_DAYS away and whose
    posters have not been reminded in this period."""
    today = today or timezone.localdate()
    return Listing.objects.filter(
        status=Listing.Status.PUBLISHED,
        taken_at__isnull=True,
        renewal_reminded_at__isnull=True,
        expires_on__gte=today,
        expires_on__lte=today + datetime.timedelta(days=REMINDER_DAYS),
        poster__is_active=True,
    )


def renewal_token(listing):
    return signing.dumps(
        {"listing": listing.pk, "expires_on": listing.expires_on.isoformat()}, salt=SALT
    )


def send_reminders(today=None):
    """Mail every poster due for a reminder, each listing once per period; returns how
    many were sent. Safe to run twice at once: each listing is claimed by one UPDATE."""
    sent = 0
    for listing in due_for_reminder(today).select_related("poster").order_by("pk"):
        with transaction.atomic():
            claimed = Listing.objects.filter(
                pk=listing.pk,
                renewal_reminded_at__isnull=True,
                expires_on=listing.expires_on,
            ).update(renewal_reminded_at=timezone.now())
            if not claimed:
                continue
            _queue_reminder(listing)
            sent += 1
    return sent


def _queue_reminder(listing):
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "listing": listing,
            "link": settings.SITE_URL
            + reverse("raeume:renew", kwargs={"token": renewal_token(listing)}),
            "mine_link": settings.SITE_URL + reverse("raeume:mine"),
            "lifetime_days": LISTING_LIFETIME_DAYS,
        }
        subject = render_to_string("raeume/email/renewal_reminder_subject.txt", context)
        body = render_to_string("raeume/email/renewal_reminder.txt", context)
    outbox.queue(
        to=[listing.poster.email], subject=subject, body=body, kind="raeume/renewal_reminder"
    )


def listing_for_token(token):
    """The listing the link `token` may renew; RenewalRefused if forged, too old, or used."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired:
        raise RenewalRefused(RenewalRefused.EXPIRED) from None
    except signing.BadSignature:
        raise RenewalRefused(RenewalRefused.INVALID) from None
    try:
        pk = int(data["listing"])
        expires_on = datetime.date.fromisoformat(data["expires_on"])
    except (KeyError, TypeError, ValueError):
        raise RenewalRefused(RenewalRefused.INVALID) from None
    listing = Listing.objects.filter(pk=pk, status=Listing.Status.PUBLISHED).first()
    if listing is None:
        raise RenewalRefused(RenewalRefused.INVALID)
    if listing.expires_on != expires_on or listing.renewal_reminded_at is None:
        # Renewed already with this link (or by staff): the listing runs until its new day.
        raise RenewalRefused(RenewalRefused.USED, listing)
    if expires_on + datetime.timedelta(days=GRACE_DAYS) < timezone.localdate():
        raise RenewalRefused(RenewalRefused.EXPIRED, listing)
    return listing


@transaction.atomic
def renew(token):
    """Start the listing's period again, once per reminder; returns the renewed listing."""
    listing = listing_for_token(token)
    locked = Listing.objects.select_for_update().get(pk=listing.pk)
    if locked.expires_on != listing.expires_on or locked.renewal_reminded_at is None:
        # A second click racing the first: the first one renewed.
        raise RenewalRefused(RenewalRefused.USED, locked)
    locked.start_lifetime()
    # Not updated_at: a renewal is no change of content for the moderation queue.
    locked.save(update_fields=["expires_on", "renewal_reminded_at"])
    return locked
