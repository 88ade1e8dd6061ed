"""Calls for the Kooperationsbörse tests."""

import datetime

from django.utils import timezone

from kooperationen.models import Call
from teilmaerkte.models import Submarket
from tests.factories import place


def make_call(profile, *, submarkets=("designwirtschaft",), municipality=None, **fields):
    """A published call of `profile`; `municipality` is a place slug (None: all of Saxony)."""
    values = {
        "direction": Call.Direction.SEEKING,
        "title": "Suchen Partner für eine Museums-App",
        "description": "Wir entwickeln eine App für ein Industriemuseum und suchen Ton.",
        "author": profile.owners.first(),
    }
    values.update(fields)
    call = Call(profile=profile, municipality=place(municipality) if municipality else None)
    for name, value in values.items():
        setattr(call, name, value)
    if call.expires_on is None:
        call.start_lifetime()
    call.save()
    call.submarkets.set(Submarket.objects.filter(slug__in=submarkets))
    return call


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)
