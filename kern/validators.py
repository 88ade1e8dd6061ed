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


# Characters that have no place in text a person types: C0 controls other than tab and the
# line breaks, DEL, C1 controls, lone surrogates (not encodable as UTF-8) and U+FFFE/U+FFFF.
# XML 1.0 forbids most of them, so a single one in a name made every news feed answer 500;
# the rest (DEL, C1) are invisible and come only from pasting or from a script.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# What breaks a line or a header: a name with "\r\nBcc: ..." must not reach a mail subject.
# The tab is here too: in a one-line field it is a pasting accident, never meant.
LINE_BREAKS = re.compile("[\t\n\r\u2028\u2029]")


def reject_control_characters(value):
    """Refuse invisible control characters; tab and line breaks stay allowed (the one-line
    fields add reject_line_breaks)."""
    if value and CONTROL_CHARACTERS.search(str(value)):
        raise ValidationError(
            _(
                "The text contains invisible control characters, perhaps from copying it "
                "out of another program. Please remove them or type the text again."
            ),
            code="control_characters",
        )


def reject_line_breaks(value):
    """Refuse line breaks and tabs in fields that hold one line (names, titles, places)."""
    if value and LINE_BREAKS.search(str(value)):
        raise ValidationError(
            _("Please enter this on a single line, without line breaks or tabs."),
            code="line_break",
        )


# Every field that holds one line of text (kern.fields), and every multi-line one.
SINGLE_LINE_VALIDATORS = (reject_control_characters, reject_line_breaks)
MULTI_LINE_VALIDATORS = (reject_control_characters,)
