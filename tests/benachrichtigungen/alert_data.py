"""Builders for the alert tests: subscriptions as a confirmed subscriber has them, and new
spaces and calls (the Raumbörse and Kooperationsbörse have no factories of their own)."""

import datetime
import re

from django.utils import timezone

from benachrichtigungen.models import Subscriber, Subscription, address_key
from kooperationen.models import Call
from postausgang.models import OutgoingMail
from raeume.models import Listing
from teilmaerkte.models import Submarket
from tests.factories import UserFactory, place


def subscribe(
    email="leser@example.org",
    kind=Subscription.Kind.MEMBERS,
    criteria=None,
    *,
    frequency=Subscription.Frequency.INSTANT,
    confirmed=True,
    hours_ago=1,
    language="de",
):
    """A subscription confirmed (and marked) `hours_ago`; weekly ones are due for a digest."""
    moment = timezone.now() - datetime.timedelta(hours=hours_ago)
    subscriber = Subscriber.objects.filter(email_key=address_key(email)).first()
    if subscriber is None:
        subscriber = Subscriber.objects.create(email=email, language=language)
    if frequency == Subscription.Frequency.WEEKLY and confirmed:
        subscriber.next_digest_at = moment
        subscriber.save(update_fields=["next_digest_at"])
    return Subscription.objects.create(
        subscriber=subscriber,
        kind=kind,
        criteria=criteria or {},
        frequency=frequency,
        language=language,
        confirmed_at=moment if confirmed else None,
        sent_until=moment if confirmed else None,
    )


def space(
    slug="leipzig",
    *,
    listing_type=Listing.ListingType.OFFER,
    space_kind=Listing.SpaceKind.STUDIO,
    size=40,
    price=300,
    price_unit=Listing.PriceUnit.MONTH,
    **fields,
):
    poster = fields.pop("poster", None) or UserFactory()
    listing = Listing.objects.create(
        listing_type=listing_type,
        space_kind=space_kind,
        title=fields.pop("title", f"Atelier in {slug}"),
        description="Hell, ruhig, mit Lastenaufzug.",
        poster=poster,
        size_m2=size,
        price=price,
        price_unit=price_unit,
        municipality=place(slug),
        postal_code="04109",
        status=Listing.Status.PUBLISHED,
        published_at=timezone.now(),
        **fields,
    )
    listing.start_lifetime()
    listing.save()
    return listing


def call(profile, submarkets=("designwirtschaft",), **fields):
    item = Call(
        direction=Call.Direction.SEEKING,
        title=fields.pop("title", "Suchen Partner für eine Ausstellung"),
        description="Wir planen eine Ausstellung und suchen Mitstreiter.",
        profile=profile,
        **fields,
    )
    item.start_lifetime()
    item.save()
    item.submarkets.set(Submarket.objects.filter(slug__in=submarkets))
    return item


def alert_mails():
    return list(OutgoingMail.objects.filter(kind__startswith="benachrichtigungen/").order_by("pk"))


LINK = re.compile(r"https?://\S+/benachrichtigungen/(\w+)/(\S+?)/\s")


def link_in(mail, purpose):
    """The path of the first link of `purpose` ("bestaetigen", "verwalten", "abmelden")."""
    for found in LINK.finditer(mail.body + "\n"):
        if found.group(1) == purpose:
            return f"/benachrichtigungen/{purpose}/{found.group(2)}/"
    raise AssertionError(f"No {purpose} link in:\n{mail.body}")
