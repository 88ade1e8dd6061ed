"""The filter of the news stream: which association, which Teilmarkt."""

from django import forms
from django.utils.translation import gettext_lazy as _

from teilmaerkte.models import Submarket
from verbaende.models import Association


class StreamFilterForm(forms.Form):
    """Both filters are optional; kern.listing drops and reports an unknown value."""

    verband = forms.ModelChoiceField(
        queryset=Association.objects.order_by("pk"),
        to_field_name="slug",
        required=False,
        label=_("Association"),
        empty_label=_("All associations"),
    )
    teilmarkt = forms.ModelChoiceField(
        queryset=Submarket.objects.order_by("position", "pk"),
        to_field_name="slug",
        required=False,
        label=_("Submarket"),
        empty_label=_("All submarkets"),
    )

    def __init__(self, data, **kwargs):
        super().__init__(data, auto_id="news-%s", **kwargs)
        self.fields["verband"].label_from_instance = lambda a: a.short_name
        self.fields["teilmarkt"].label_from_instance = lambda s: s.localized_name
