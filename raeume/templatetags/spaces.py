"""How a listing's price, size and place read on the Raumbörse pages."""

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from raeume.models import Listing

register = template.Library()


def _euros(amount):
    places = 0 if amount == amount.to_integral_value() else 2
    return number_format(amount, decimal_pos=places, use_l10n=True, force_grouping=True)


@register.filter
def space_price(listing):
    """ "450 € per month", "free of charge", "negotiable", "up to 300 € per month"."""
    if not listing.is_offer:
        if listing.max_price is None:
            return ""
        return _("up to %(price)s € per month") % {"price": _euros(listing.max_price)}
    unit = listing.price_unit
    if unit == Listing.PriceUnit.FREE:
        return _("free of charge")
    if unit == Listing.PriceUnit.NEGOTIABLE:
        if listing.price is None:
            return _("negotiable")
        return _("%(price)s €, negotiable") % {"price": _euros(listing.price)}
    if listing.price is None:
        return ""
    if unit == Listing.PriceUnit.DAY:
        return _("%(price)s € per day") % {"price": _euros(listing.price)}
    return _("%(price)s € per month") % {"price": _euros(listing.price)}


@register.filter
def space_size(listing):
    """ "120 m²" for an offer; a range, "from 40 m²" or "up to 80 m²" for a request."""
    if listing.is_offer:
        if listing.size_m2 is None:
            return ""
        return _("%(size)s m²") % {"size": number_format(listing.size_m2, force_grouping=True)}
    low, high = listing.size_min_m2, listing.size_max_m2
    if low is not None and high is not None:
        return _("%(low)s–%(high)s m²") % {  # noqa: RUF001 - the en dash is right
            "low": number_format(low, force_grouping=True),
            "high": number_format(high, force_grouping=True),
        }
    if low is not None:
        return _("from %(size)s m²") % {"size": number_format(low, force_grouping=True)}
    if high is not None:
        return _("up to %(size)s m²") % {"size": number_format(high, force_grouping=True)}
    return ""


@register.filter
def space_place(listing):
    """Place and district; the street only if the poster chose to show it."""
    municipality = listing.municipality
    place = municipality.name
    if municipality.district.name != municipality.name:
        place = f"{place} ({municipality.district.name})"
    if listing.show_street_address and listing.street_address:
        return f"{listing.street_address}, {listing.postal_code} {place}"
    return place
