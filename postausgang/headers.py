"""Header values built from what users typed: one line, no control characters.

Django refuses a header with a line break (BadHeaderError) instead of sending it. A name
saved before line breaks were refused in forms, or written by a script, would then stop
the mail; these helpers make every subject and display name safe, whatever is stored.
"""

import unicodedata
from email.utils import formataddr

# Generous for any subject a template builds; RFC 5322 lines should stay below 998.
SUBJECT_MAX_LENGTH = 200


def single_line(value) -> str:
    """`value` on one line: line breaks, tabs and other control or separator characters
    become spaces, format characters (direction marks, zero-width) are dropped, runs of
    whitespace collapse to one space."""
    value = str(value)
    if value.isascii() and value.isprintable():
        # The common case (addresses, links, plain subjects), without the loop below: for
        # printable ASCII the loop only collapses spaces.
        return " ".join(value.split())
    characters = []
    for character in str(value):
        category = unicodedata.category(character)
        if category == "Cc" or category.startswith("Z"):
            characters.append(" ")
        elif category.startswith("C"):
            continue
        else:
            characters.append(character)
    return " ".join("".join(characters).split())


def subject_line(value) -> str:
    text = single_line(value)
    if len(text) > SUBJECT_MAX_LENGTH:
        text = text[: SUBJECT_MAX_LENGTH - 1].rstrip() + "…"
    return text


def address_with_name(name, address) -> str:
    """`"Name" <address>` with the name made safe; the address is used as validated."""
    return formataddr((single_line(name), address))
