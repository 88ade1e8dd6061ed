"""The filter of the news stream: which association, which Teilmarkt."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sparten.models import Submarket
from verbaende.models import Association


class StreamFilterForm(forms.Form):
    """Both filters are optional; an unknown value is reported and ignored, never a 500."""

    verband = forms.ModelChoiceField(
        queryset=Association.objects.order_by("pk"),
        to_field_name="slug",
        required=False,
        label=_("Association"),
        empty_label=_("All associations"),
        error_messages={
            "invalid_choice": _("There is no such association; news of all associations are shown.")
        },
    )
    teilmarkt = forms.ModelChoiceField(
        queryset=Submarket.objects.order_by("position", "pk"),
        to_field_name="slug",
        required=False,
        label=_("Submarket"),
        empty_label=_("All submarkets"),
        error_messages={
            "invalid_choice": _("There is no such submarket; news of all submarkets are shown.")
        },
    )

    def __init__(self, data, **kwargs):
        super().__init__(data, auto_id="news-%s", **kwargs)
        self.fields["verband"].label_from_instance = lambda a: a.short_name
        self.fields["teilmarkt"].label_from_instance = lambda s: s.localized_name

    def selection(self):
        """(association, submarket) of the valid filters; invalid ones count as unset."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return cleaned.get("verband"), cleaned.get("teilmarkt")

    def problems(self):
        return [error for errors in self.errors.values() for error in errors]
