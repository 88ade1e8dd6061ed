"""The label of the empty choice of every select: Django's form fields and model choices,
django-filter's filters and the admin's action menu all show this one.

Django 6.1 labels the empty choice "- Select an option -", a string its German catalogue does
not translate yet; the older "---------" says nothing at all. Django lets an app's ready()
replace the label (`django.db.models.fields.BLANK_CHOICE_LABEL`); kern does, and the settings
hand the same label to django-filter (FILTERS_EMPTY_CHOICE_LABEL).
"""

from django.utils.translation import gettext_lazy as _

BLANK_CHOICE_LABEL = _("Please choose")


def blank_choice():
    """The empty choice at the head of a hand-built choices list."""
    return [("", BLANK_CHOICE_LABEL)]
