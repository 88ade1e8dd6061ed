import django_filters
from django.utils.translation import gettext_lazy as _

from veranstaltungen.models import Event
from verbaende.models import Association


class EventFilter(django_filters.FilterSet):
    """The list pages' query string: ?verband=<association slug>&art=<kind>."""

    verband = django_filters.ModelChoiceFilter(
        label=_("Association"),
        field_name="association",
        to_field_name="slug",
        queryset=Association.objects.all(),
    )
    art = django_filters.ChoiceFilter(
        label=_("Kind of event"), field_name="kind", choices=Event.Kind.choices
    )

    class Meta:
        model = Event
        fields = []
