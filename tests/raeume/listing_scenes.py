"""Listings for the staff-side tests (moderation, expiry, matching, map): built directly,
the way the poster's form leaves them."""

import datetime

from django.utils import timezone

from raeume.models import Listing
from tests.factories import UserFactory, place
from verbaende.models import District


def listing(place_slug="dresden", *, poster=None, status=Listing.Status.PUBLISHED, **fields):
    """An offer (by default) in the place `place_slug`; published ones run for 90 days."""
    defaults = {
        "listing_type": Listing.ListingType.OFFER,
        "space_kind": Listing.SpaceKind.STUDIO,
        "title": "Atelier im Hinterhaus",
        "description": "Heller Raum mit Nordlicht.",
        "postal_code": "01097",
        "size_m2": 40,
        "price": 400,
        "price_unit": Listing.PriceUnit.MONTH,
        "submitted_at": timezone.now(),
    }
    if status == Listing.Status.PUBLISHED:
        now = timezone.now()
        defaults |= {
            "published_at": now,
            "reviewed_at": now + datetime.timedelta(seconds=1),
            "expires_on": timezone.localdate() + datetime.timedelta(days=90),
        }
    wanted = fields.pop("wanted_districts", [])
    row = Listing.objects.create(
        poster=poster or UserFactory(),
        municipality=place(place_slug),
        status=status,
        **(defaults | fields),
    )
    if wanted:
        row.wanted_districts.set(District.objects.filter(slug__in=wanted))
    return row


def request_for(place_slug="dresden", **fields):
    """A request (Gesuch) for a studio, any size and price, in its own district."""
    return listing(
        place_slug,
        **{
            "listing_type": Listing.ListingType.REQUEST,
            "title": "Suche Atelier",
            "size_m2": None,
            "price": None,
        }
        | fields,
    )
