from django import forms
from django.utils.translation import gettext_lazy as _

from beratung.models import Booking, Feedback, Slot, Topic
from kern.forms import HoneypotField, HoneypotMixin


class BookingForm(HoneypotMixin, forms.ModelForm):
    """What a visitor tells us when booking a slot."""

    consent = forms.BooleanField(
        label=_(
            "I agree that the association stores my details to arrange and hold the "
            "consultation. They are deleted six months after the appointment."
        ),
        error_messages={"required": _("Please agree to the processing of your details.")},
    )
    homepage = HoneypotField()

    class Meta:
        model = Booking
        fields = ["name", "email", "phone", "topic", "question"]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
            "question": forms.Textarea(attrs={"rows": 5}),
        }
        labels = {"question": _("Your question (optional)")}
        help_texts = {
            "question": _(
                "What would you like to talk about? Only you and the association's staff see it."
            ),
        }

    def __init__(self, *args, slot, **kwargs):
        super().__init__(*args, **kwargs)
        self.slot = slot
        topics = list(slot.topics.all()) or list(Topic.objects.all())
        self.fields["topic"].queryset = Topic.objects.filter(pk__in=[t.pk for t in topics])
        self.fields["topic"].required = True
        self.fields["topic"].empty_label = _("Please choose")
        self.fields["topic"].label_from_instance = lambda topic: topic.localized_name
        if slot.mode == Slot.Mode.PHONE:
            self.fields["phone"].required = True
        else:
            del self.fields["phone"]


class FeedbackForm(forms.ModelForm):
    rating = forms.TypedChoiceField(
        label=_("How helpful was the consultation?"),
        choices=[
            (5, _("5: very helpful")),
            (4, _("4: helpful")),
            (3, _("3: partly")),
            (2, _("2: hardly")),
            (1, _("1: not at all")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose a rating from 1 to 5.")},
    )

    class Meta:
        model = Feedback
        fields = ["rating", "comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 5})}
        labels = {"comment": _("Comment (optional)")}


class RebookForm(forms.Form):
    slot = forms.IntegerField(widget=forms.HiddenInput)
