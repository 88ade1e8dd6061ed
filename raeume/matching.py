"""Matching offers (Angebote) and requests (Gesuche) of the Raumbörse.

An offer fits a request when all of these hold:

- the kind of space is the same;
- the offer's size lies in the request's range (either end may be open); an offer without a
  size (a coworking desk) fits any range;
- the price is within the request's highest price per month: free of charge and
  negotiable offers always fit, and so do offers without a price. A price per day fits when
  one day costs no more than the monthly budget: rented by the day, such a space can suit
  a small budget, and the requester decides how many days;
- the offer's place lies in one of the districts the request wants, or, if it names none,
  in the request's own district;
- the offer is available in time: from at most AVAILABILITY_GRACE_DAYS after the request's
  date (a move rarely lands on the exact day; no date on either side fits), and not only
  until before that date;
- both are available (published, not expired, not taken) and come from different posters.

Stored as Match rows, one per pair. When an offer or a request is published or a published
one changes, `find_matches` runs after the commit (raeume.signals only notices): one query
finds the candidates, new pairs are stored, and each owner is mailed at most once per pair:
the listing's own poster one mail with all its new matches, each counterpart's poster one
mail about this listing.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from postausgang import outbox
from raeume.models import Listing, Match

AVAILABILITY_GRACE_DAYS = 30
FREE_OR_OPEN = [Listing.PriceUnit.FREE, Listing.PriceUnit.NEGOTIABLE]


def _wants_district(district_id):
    """Requests that want `district_id`: named among their districts, or their own district
    when they name none."""
    wanted = Listing.wanted_districts.through.objects.filter(listing_id=OuterRef("pk"))
    return Exists(wanted.filter(district_id=district_id)) | (
        ~Exists(wanted) & Q(municipality__district_id=district_id)
    )


def requests_fitting(offer):
    """The available requests `offer` fits, in one query."""
    query = Q(space_kind=offer.space_kind) & _wants_district(offer.municipality.district_id)
    if offer.size_m2 is not None:
        query &= Q(size_min_m2__isnull=True) | Q(size_min_m2__lte=offer.size_m2)
        query &= Q(size_max_m2__isnull=True) | Q(size_max_m2__gte=offer.size_m2)
    if offer.price_unit not in FREE_OR_OPEN and offer.price is not None:
        query &= Q(max_price__isnull=True) | Q(max_price__gte=offer.price)
    if offer.available_from is not None:
        earliest = offer.available_from - datetime.timedelta(days=AVAILABILITY_GRACE_DAYS)
        query &= Q(available_from__isnull=True) | Q(available_from__gte=earliest)
    if offer.available_until is not None:
        query &= Q(available_from__isnull=True) | Q(available_from__lte=offer.available_until)
    return (
        Listing.objects.available()
        .requests()
        .filter(query)
        .exclude(poster_id=offer.poster_id)
        .exclude(pk=offer.pk)
    )


def offers_fitting(request):
    """The available offers that fit `request`, in one query."""
    wanted = Listing.wanted_districts.through.objects.filter(listing_id=request.pk)
    query = Q(space_kind=request.space_kind) & (
        Q(municipality__district_id__in=wanted.values("district_id"))
        | (Q(municipality__district_id=request.municipality.district_id) & ~Exists(wanted))
    )
    if request.size_min_m2 is not None:
        query &= Q(size_m2__isnull=True) | Q(size_m2__gte=request.size_min_m2)
    if request.size_max_m2 is not None:
        query &= Q(size_m2__isnull=True) | Q(size_m2__lte=request.size_max_m2)
    if request.max_price is not None:
        query &= (
            Q(price_unit__in=FREE_OR_OPEN) | Q(price__isnull=True) | Q(price__lte=request.max_price)
        )
    if request.available_from is not None:
        latest = request.available_from + datetime.timedelta(days=AVAILABILITY_GRACE_DAYS)
        query &= Q(available_from__isnull=True) | Q(available_from__lte=latest)
        query &= Q(available_until__isnull=True) | Q(available_until__gte=request.available_from)
    return (
        Listing.objects.available()
        .offers()
        .filter(query)
        .exclude(poster_id=request.poster_id)
        .exclude(pk=request.pk)
    )


def fitting(listing):
    return offers_fitting(listing) if not listing.is_offer else requests_fitting(listing)


def find_matches(listing_pk):
    """Store the new pairs of the listing and mail the owners about them; returns the
    number of new matches. Does nothing unless the listing is available."""
    listing = (
        Listing.objects.available()
        .select_related("municipality__district", "poster")
        .filter(pk=listing_pk)
        .first()
    )
    if listing is None:
        return 0
    others = list(fitting(listing).select_related("poster").order_by("pk"))
    if listing.is_offer:
        pairs = [Match(request=other, offer=listing) for other in others]
    else:
        pairs = [Match(request=listing, offer=other) for other in others]
    with transaction.atomic():
        Match.objects.bulk_create(pairs, ignore_conflicts=True)
        return _notify(listing, others)


def _notify(listing, others):
    """Claim and mail what nobody was told yet; each claim is one UPDATE, so two runs at
    once never mail a pair twice."""
    now = timezone.now()
    side = "offer" if listing.is_offer else "request"
    other_side = "request" if listing.is_offer else "offer"
    matches = Match.objects.filter(**{side: listing, f"{other_side}__in": others})

    own_field, their_field = f"{side}_owner_notified_at", f"{other_side}_owner_notified_at"
    own_new = set(
        matches.filter(**{f"{own_field}__isnull": True}).values_list(f"{other_side}_id", flat=True)
    )
    their_new = set(
        matches.filter(**{f"{their_field}__isnull": True}).values_list(
            f"{other_side}_id", flat=True
        )
    )
    claimed_own = _claim(matches, own_field, own_new, other_side, now)
    claimed_theirs = _claim(matches, their_field, their_new, other_side, now)

    told_owner = [other for other in others if other.pk in claimed_own]
    if told_owner and listing.poster.is_active:
        _mail(listing.poster, listing, told_owner)
    for other in others:
        if other.pk in claimed_theirs and other.poster.is_active:
            _mail(other.poster, other, [listing])
    return len(claimed_own | claimed_theirs)


def _claim(matches, field, other_ids, other_side, now):
    claimed = set()
    for other_id in sorted(other_ids):
        updated = matches.filter(**{f"{other_side}_id": other_id, f"{field}__isnull": True}).update(
            **{field: now}
        )
        if updated:
            claimed.add(other_id)
    return claimed


def _mail(recipient, own, found):
    """Tell the poster of `own` about the listings `found` that fit it."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "own": own,
            "found": [
                (item, settings.SITE_URL + reverse("raeume:detail", kwargs={"pk": item.pk}))
                for item in found
            ],
            "own_link": settings.SITE_URL + reverse("raeume:detail", kwargs={"pk": own.pk}),
        }
        subject = render_to_string("raeume/email/matches_subject.txt", context)
        body = render_to_string("raeume/email/matches.txt", context)
    outbox.queue(to=[recipient.email], subject=subject, body=body, kind="raeume/matches")


def matches_for_owner(listing):
    """The available counterparts of `listing` that fit it, newest match first: what its
    poster sees on the listing's page."""
    if listing.is_offer:
        ids = Match.objects.filter(offer=listing).values("request_id")
    else:
        ids = Match.objects.filter(request=listing).values("offer_id")
    return (
        Listing.objects.available()
        .filter(pk__in=ids)
        .select_related("municipality__district")
        .order_by("-published_at", "-pk")
    )
