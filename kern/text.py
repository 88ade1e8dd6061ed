from django.utils.text import slugify

from kern.validators import CONTROL_CHARACTERS

# German readers expect "Müller" to become "mueller", not Django's "muller".
GERMAN_TRANSLITERATION = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "ẞ": "SS"}
)


def german_slugify(value: str) -> str:
    return slugify(value.translate(GERMAN_TRANSLITERATION))


def unique_slug(model, value: str, *, instance_pk=None, field: str = "slug", max_length=80) -> str:
    """A slug for `value` not yet used by another row of `model` ("name", "name-2", ...)."""
    base = german_slugify(value)[:max_length].strip("-") or "eintrag"
    candidate, number = base, 2
    others = model._default_manager.exclude(pk=instance_pk)
    while others.filter(**{field: candidate}).exists():
        suffix = f"-{number}"
        candidate = f"{base[: max_length - len(suffix)]}{suffix}"
        number += 1
    return candidate


# Echoing a whole hostile query string back would only clutter a notice.
EXCERPT_LENGTH = 40


def printable_excerpt(value) -> str:
    """A visitor's value as a notice may quote it: control and direction characters (which
    could reorder the surrounding text) replaced, at most EXCERPT_LENGTH characters."""
    text = "".join(c if c.isprintable() else "\N{REPLACEMENT CHARACTER}" for c in str(value))
    return text if len(text) <= EXCERPT_LENGTH else text[:EXCERPT_LENGTH] + "…"


def strip_control_characters(value):
    """Text that any XML or plain-text output accepts: the characters forms refuse
    (kern.validators.CONTROL_CHARACTERS) removed, whitespace among them made a space.
    For rows saved before the forms refused them."""
    if not isinstance(value, str):
        return value
    # A vertical tab or form feed separated words: a space keeps them apart.
    return CONTROL_CHARACTERS.sub(lambda match: " " if match[0].isspace() else "", value)


# Words of a name that say what kind of body it is, not who: "Studio Nord GmbH" is "SN".
_LEGAL_FORM_WORDS = frozenset({"gmbh", "ug", "gbr", "e.v.", "ev", "kg", "ag", "ohg", "mbh"})


def initials(name: str) -> str:
    """Up to two capital letters for a picture-less avatar: the first letters of the first
    two words that start with a letter, legal forms skipped; "?" if there are none."""
    words = [
        word
        for word in (name or "").split()
        if word[:1].isalpha() and word.casefold() not in _LEGAL_FORM_WORDS
    ]
    return "".join(word[0] for word in words[:2]).upper() or "?"
