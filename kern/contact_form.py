"""The form of every relayed message: a visitor writes to a member, a space poster or the
author of a cooperation call, and the site e-mails the text with Reply-To set to the visitor.
One form, so the rules (length, no control characters, honeypot) are the same everywhere."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kern.forms import HoneypotField, HoneypotMixin, MultiLineFormField
from kern.validators import MULTI_LINE_VALIDATORS, SINGLE_LINE_VALIDATORS

MESSAGE_MIN_LENGTH = 20
MESSAGE_MAX_LENGTH = 5000


class ContactForm(HoneypotMixin, forms.Form):
    sender_name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        validators=[*SINGLE_LINE_VALIDATORS],
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    sender_email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("The member sees it and can reply to you directly."),
        validators=[*SINGLE_LINE_VALIDATORS],
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    message = MultiLineFormField(
        label=_("Your message"),
        min_length=MESSAGE_MIN_LENGTH,
        max_length=MESSAGE_MAX_LENGTH,
        validators=[*MULTI_LINE_VALIDATORS],
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    homepage = HoneypotField()

    def __init__(self, *args, **kwargs):
        # Unique ids: the form also sits in the profile page's sidebar.
        kwargs.setdefault("auto_id", "contact_%s")
        super().__init__(*args, **kwargs)
        self.fields["message"].help_text = _(
            "Between %(min)s and %(max)s characters. It is sent as plain text."
        ) % {"min": MESSAGE_MIN_LENGTH, "max": MESSAGE_MAX_LENGTH}
