from django import forms
from django.utils.translation import gettext_lazy as _

from anmeldungen.models import Feedback
from kern import text_limits
from kern.forms import HoneypotField, HoneypotMixin, MultiLineFormField
from kern.validators import MULTI_LINE_VALIDATORS, SINGLE_LINE_VALIDATORS


def _single_line(label, max_length, **kwargs):
    return forms.CharField(
        label=label, max_length=max_length, validators=[*SINGLE_LINE_VALIDATORS], **kwargs
    )


def _answer(label):
    return MultiLineFormField(
        label=label,
        required=False,
        max_length=text_limits.REGISTRATION_ANSWER,
        validators=[*MULTI_LINE_VALIDATORS],
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RegistrationForm(HoneypotMixin, forms.Form):
    """Name, address, the questions the event asks, consent. Built for one event's
    settings: only the questions staff chose are fields."""

    name = _single_line(_("Your name"), 150, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("We send the confirmation and a link to cancel to this address."),
        validators=[*SINGLE_LINE_VALIDATORS],
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    dietary_needs = _single_line(
        _("Dietary needs"),
        300,
        required=False,
        help_text=_("E.g. vegetarian, vegan, allergies. Only the organisers see it."),
    )
    accessibility_needs = _single_line(
        _("Accessibility needs"),
        300,
        required=False,
        help_text=_(
            "E.g. step-free access, sign language interpreting. Only the organisers see it."
        ),
    )
    answer_1 = _answer("")
    answer_2 = _answer("")
    consent = forms.BooleanField(
        label=_(
            "I agree that the organising association stores my registration to run the event; "
            "it is deleted automatically some months after the event."
        ),
        error_messages={"required": _("Please agree to the storing of your registration.")},
    )
    homepage = HoneypotField()

    def __init__(self, *args, registration_settings, **kwargs):
        # Unique ids: the form sits on the event page next to other content.
        kwargs.setdefault("auto_id", "registration_%s")
        super().__init__(*args, **kwargs)
        if not registration_settings.ask_dietary_needs:
            del self.fields["dietary_needs"]
        if not registration_settings.ask_accessibility_needs:
            del self.fields["accessibility_needs"]
        asked = dict(registration_settings.questions())
        for name in ("answer_1", "answer_2"):
            if name in asked:
                self.fields[name].label = asked[name]
                self.fields[name].help_text = _(
                    "Optional, at most %(max)s characters. Only the organisers see it."
                ) % {"max": text_limits.REGISTRATION_ANSWER}
            else:
                del self.fields[name]

    def answers(self):
        names = ("dietary_needs", "accessibility_needs", "answer_1", "answer_2")
        return {name: self.cleaned_data[name] for name in names if name in self.cleaned_data}


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How would you rate the event?"),
        help_text=_("1 = poor, 5 = excellent"),
        choices=Feedback.RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = MultiLineFormField(
        label=_("Comment"),
        required=False,
        max_length=text_limits.FEEDBACK_COMMENT,
        validators=[*MULTI_LINE_VALIDATORS],
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Optional. The organisers see your comment without your name or e-mail address."
        ),
    )
