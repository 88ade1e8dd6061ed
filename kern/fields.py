"""Model fields for text people write, with the input rules built in.

Every text field a member or staff member fills in is one of these (a test walks all models
and fails otherwise), so a new field cannot forget the rules: no invisible control
characters anywhere, no line breaks where one line is meant, and a length limit on
multi-line text too (Django puts a TextField's max_length only on its form field).
"""

from django.core.validators import MaxLengthValidator
from django.db import models

from kern.forms import MultiLineFormField
from kern.validators import MULTI_LINE_VALIDATORS, SINGLE_LINE_VALIDATORS


class SingleLineField(models.CharField):
    """One line of text: a name, a title, a place."""

    default_validators = [*SINGLE_LINE_VALIDATORS]


class EmailAddressField(models.EmailField):
    default_validators = [*models.EmailField.default_validators, *SINGLE_LINE_VALIDATORS]


class WebAddressField(models.URLField):
    default_validators = [*models.URLField.default_validators, *SINGLE_LINE_VALIDATORS]


class MultiLineField(models.TextField):
    """Paragraphs of text; max_length is required and enforced by the model too."""

    default_validators = [*MULTI_LINE_VALIDATORS]

    def __init__(self, *args, max_length, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)
        self.validators.append(MaxLengthValidator(self.max_length))

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": MultiLineFormField, **kwargs})
