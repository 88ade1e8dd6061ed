"""Formsets that build only as many forms as a real submission can have.

Django builds min(TOTAL_FORMS, absolute_max) forms from a POST, and absolute_max defaults
to max_num + 1000 (max_num itself to 1000): a forged `links-TOTAL_FORMS=1000000` made every
profile save build and validate a thousand or two forms. Here the ceiling is the rows that
exist plus the new ones one submission may add (max_num, at most MAX_NEW_FORMS). A larger
TOTAL_FORMS is answered with Django's own form error ("Please submit at most ... forms"),
after building no more forms than that. The ceiling grows with the rows, so a record that
already holds more rows than max_num (added before a limit existed) can still be saved.
"""

from django.forms.models import BaseInlineFormSet, BaseModelFormSet

MAX_NEW_FORMS = 50


class BoundedFormSetMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The queryset is needed for the existing rows' forms anyway; len() caches it.
        existing = len(self.get_queryset())
        self.absolute_max = existing + min(self.max_num, MAX_NEW_FORMS)


class BoundedModelFormSet(BoundedFormSetMixin, BaseModelFormSet):
    pass


class BoundedInlineFormSet(BoundedFormSetMixin, BaseInlineFormSet):
    pass
