"""The form members post and edit calls with."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kooperationen.models import Call
from mitglieder.self_service_forms import municipality_choices
from teilmaerkte.models import Submarket
from verbaende.models import Municipality

MAX_SUBMARKETS = 5


class CallForm(forms.ModelForm):
    submarkets = forms.ModelMultipleChoiceField(
        queryset=Submarket.objects.order_by("position", "pk"),
        widget=forms.CheckboxSelectMultiple,
        label=_("Teilmärkte"),
        help_text=_("Choose at least one and at most five."),
    )
    municipality = forms.ModelChoiceField(
        queryset=Municipality.objects.select_related("district"),
        required=False,
        label=_("Place"),
        help_text=_("Leave empty if the call concerns all of Saxony."),
    )

    class Meta:
        model = Call
        fields = ["profile", "direction", "title", "description", "submarkets", "municipality"]
        fields += ["deadline"]
        labels = {
            "profile": _("Posted for the profile"),
            "direction": _("Kind of call"),
            "title": _("Title"),
            "description": _("Description"),
            "deadline": _("Deadline"),
        }
        help_texts = {
            "title": _("For example “Looking for a sound designer for a museum app”."),
            "description": _("What you are planning, whom you are looking for, what you offer."),
            "deadline": _(
                "Optional. The call disappears after this day; without a deadline it stays "
                "up for 90 days and can be renewed."
            ),
        }
        widgets = {
            "direction": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 8}),
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, profiles, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["profile"].queryset = profiles
        self.fields["profile"].empty_label = None
        self.fields["direction"].choices = Call.Direction.choices
        self.fields["municipality"].choices = [
            ("", _("All of Saxony")),
            *municipality_choices()[1:],
        ]
        self.fields["submarkets"].label_from_instance = lambda s: s.localized_name
        if len(profiles) == 1:
            # One profile: nothing to choose.
            self.fields["profile"].widget = forms.HiddenInput()
            self.fields["profile"].initial = profiles[0].pk

    def clean_deadline(self):
        deadline = self.cleaned_data.get("deadline")
        if deadline is not None and deadline < timezone.localdate():
            raise forms.ValidationError(_("The deadline cannot be in the past."))
        return deadline

    def clean_submarkets(self):
        submarkets = self.cleaned_data["submarkets"]
        if len(submarkets) > MAX_SUBMARKETS:
            raise forms.ValidationError(_("Choose at most five Teilmärkte."))
        return submarkets
