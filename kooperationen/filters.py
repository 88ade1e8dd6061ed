"""The Kooperationsbörse's query string, parsed by a FilterSet whose filters call
CallQuerySet: ?art=suchen|bieten&teilmarkt=<slug>&kreis=<slug>&ort=<slug>&sortierung=..."""

import django_filters
from django.utils.translation import gettext_lazy as _

from kern.listing import queryset_method
from kooperationen.models import Call
from teilmaerkte.models import Submarket
from verbaende.models import District, Municipality

# What a German visitor reads in the address, and the stored direction it stands for.
DIRECTIONS = {"suchen": Call.Direction.SEEKING, "bieten": Call.Direction.OFFERING}
DIRECTION_CHOICES = [
    ("suchen", _("Seeking partners")),
    ("bieten", _("Offering")),
]

SORT_NEWEST = "neu"
SORT_DEADLINE = "frist"
SORT_CHOICES = [
    (SORT_NEWEST, _("Newest first")),
    (SORT_DEADLINE, _("Deadline soonest first")),
]


def _of_direction(queryset, name, value):
    return queryset.of_direction(DIRECTIONS[value])


class CallFilter(django_filters.FilterSet):
    art = django_filters.ChoiceFilter(
        label=_("Kind of call"), choices=DIRECTION_CHOICES, method=_of_direction
    )
    teilmarkt = django_filters.ModelChoiceFilter(
        label=_("Submarket"),
        to_field_name="slug",
        queryset=Submarket.objects.all(),
        method=queryset_method("in_submarket"),
    )
    kreis = django_filters.ModelChoiceFilter(
        label=_("District"),
        to_field_name="slug",
        queryset=District.objects.all(),
        method=queryset_method("in_district"),
    )
    ort = django_filters.ModelChoiceFilter(
        label=_("Place"),
        to_field_name="slug",
        queryset=Municipality.objects.all(),
        method=queryset_method("in_municipality"),
    )
    # The list orders itself; parsed here so that a bad value gets the same notice.
    sortierung = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=SORT_CHOICES,
        method=lambda queryset, name, value: queryset,
    )

    class Meta:
        model = Call
        fields = []
