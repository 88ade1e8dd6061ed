from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _


class SiteFormRenderer(TemplatesSetting):
    """Every form and field renders through the site's own partials (templates/includes/),
    so labels, hints and errors look and read the same everywhere."""

    form_template_name = "includes/form.html"
    field_template_name = "includes/form_field.html"


class MultiLineFormField(forms.CharField):
    """A textarea's text with its line breaks as "\\n": browsers send "\\r\\n", which would
    count twice against the limit that the maxlength attribute counts once."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n") if value else value


class HoneypotField(forms.CharField):
    """A text field people do not see and bots fill in: hidden by a class (not by an inline
    style, which the CSP forbids), skipped by screen readers and by the tab key."""

    def __init__(self, **kwargs):
        super().__init__(
            required=False,
            label=_("Leave this field empty"),
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
            template_name="includes/honeypot_field.html",
            **kwargs,
        )


class HoneypotMixin:
    """For forms with a HoneypotField. A view asks `is_spam()` after validation and answers
    spam exactly like success, so a bot learns nothing from the response."""

    def is_spam(self) -> bool:
        return any(
            self.cleaned_data.get(name)
            for name, field in self.fields.items()
            if isinstance(field, HoneypotField)
        )
