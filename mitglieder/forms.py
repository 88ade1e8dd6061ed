"""Form parts that the membership request and the self-service profile form share."""

from django import forms
from django.utils.translation import gettext_lazy as _

# The forms' help texts spell the limit out ("Choose up to five."): change them together.
MAX_DISCIPLINES = 5


class DisciplineLimitMixin:
    """Refuses more than MAX_DISCIPLINES in a form's `disciplines` field."""

    def clean_disciplines(self):
        disciplines = self.cleaned_data["disciplines"]
        if len(disciplines) > MAX_DISCIPLINES:
            raise forms.ValidationError(
                _("Please choose at most %(count)s disciplines."),
                params={"count": MAX_DISCIPLINES},
                code="too_many",
            )
        return disciplines
