import django_filters
from django.utils.translation import gettext_lazy as _

from kern.listing import queryset_method
from veranstaltungen.models import Event
from verbaende.models import Association, District, Municipality


class EventFilter(django_filters.FilterSet):
    """The list pages' query string:
    ?verband=<association slug>&art=<kind>&kreis=<district>&ort=<municipality>."""

    verband = django_filters.ModelChoiceFilter(
        label=_("Association"),
        to_field_name="slug",
        queryset=Association.objects.all(),
        method=queryset_method("in_association"),
    )
    art = django_filters.ChoiceFilter(
        label=_("Kind of event"), choices=Event.Kind.choices, method=queryset_method("of_kind")
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
        queryset=Municipality.objects.select_related("district"),
        method=queryset_method("in_municipality"),
    )

    class Meta:
        model = Event
        fields = []
