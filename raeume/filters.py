"""The Raumbörse's query string: every filter optional, each value checked by the form.

A value the form rejects (an unknown kind, a district that does not exist, a size that is no
number) is dropped by kern.listing with a notice; the other filters still apply.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from raeume.models import MAX_PRICE_EUR, MAX_SIZE_M2, Feature, Listing
from verbaende.models import District, Municipality

TYPE_PARAMETER_VALUES = {
    "angebot": Listing.ListingType.OFFER,
    "gesuch": Listing.ListingType.REQUEST,
}
TYPE_CHOICES = [("angebot", _("Offers")), ("gesuch", _("Requests"))]

SORT_PARAMETER = "sortierung"
SORT_NEWEST = "neu"
SORT_PRICE = "preis"
SORT_SIZE = "groesse"
SORT_CHOICES = [
    (SORT_NEWEST, _("Newest first")),
    (SORT_PRICE, _("Lowest price first")),
    (SORT_SIZE, _("Largest first")),
]


class SpaceFilterForm(forms.Form):
    art = forms.ChoiceField(label=_("Offer or request"), choices=TYPE_CHOICES, required=False)
    raum = forms.ChoiceField(
        label=_("Kind of space"), choices=Listing.SpaceKind.choices, required=False
    )
    kreis = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.all(),
        to_field_name="slug",
        required=False,
    )
    ort = forms.ModelChoiceField(
        label=_("Place"),
        queryset=Municipality.objects.all(),
        to_field_name="slug",
        required=False,
    )
    ab = forms.IntegerField(label=_("From m²"), min_value=1, max_value=MAX_SIZE_M2, required=False)
    bis = forms.IntegerField(label=_("To m²"), min_value=1, max_value=MAX_SIZE_M2, required=False)
    preis = forms.DecimalField(
        label=_("Price up to (euros)"),
        min_value=0,
        max_value=MAX_PRICE_EUR,
        max_digits=9,
        decimal_places=2,
        required=False,
    )
    ausstattung = forms.ModelMultipleChoiceField(
        label=_("Features"),
        queryset=Feature.objects.all(),
        to_field_name="slug",
        required=False,
    )
    vergeben = forms.BooleanField(label=_("Show taken listings too"), required=False)
    sortierung = forms.ChoiceField(label=_("Sort by"), choices=SORT_CHOICES, required=False)
