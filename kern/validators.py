"""Validators shared by the forms where members and staff write text."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# An opening or closing tag, a comment or a processing instruction: "<b>", "</p", "<!--",
# "<?php", "< script". A lone "<" as in "Preis < 500 €" is text and stays allowed.
_MARKUP = re.compile(r"<\s*[/!?]?\s*[a-z]", re.IGNORECASE)


def reject_markup(value):
    """Refuse HTML in plain-text and Markdown fields instead of silently escaping it.

    Pages escape every text and sanitise rendered Markdown anyway; refusing tags tells the
    author at once that their formatting would not survive, and keeps feeds and calendar
    files (which other programs render) free of markup.
    """
    if value and _MARKUP.search(str(value)):
        raise ValidationError(
            _(
                "Please enter text without HTML tags (such as <b> or <script>). "
                "Use Markdown for formatting where the field allows it."
            ),
            code="markup",
        )
