"""Suggestions while typing in the directory's search field (GET /mitglieder/vorschlaege/).

Up to MAX_SUGGESTIONS entries in three groups: disciplines and Teilmärkte, places, members.
Disciplines and places are matched in memory against the cached vocabulary (a word of the
name, German or English, starts with what was typed); members by one prefix look-up on the
folded sort name, which the partial index `profile_listed_by_name` answers without touching
other rows, so the cost does not grow with the number of profiles.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kern.search import fold, sort_key
from mitglieder.models import Profile
from teilmaerkte.models import Discipline
from verzeichnis.spelling import search_terms_of
from verzeichnis.vocabulary import load_vocabulary

MIN_LENGTH = 2
MAX_LENGTH = 80
MAX_SUGGESTIONS = 8
# Slots per group when all three have more than enough; free slots go to the others.
QUOTAS = {"disciplines": 3, "places": 2, "members": 3}

# Letters of any script, digits, spaces and the punctuation found in names ("Müller & Söhne",
# "O'Neill", "Bild+Ton", "C.A.R."). Search operators (| ! : * ( ) " < >) and the rest are
# refused, as are control characters and U+FFFD, which stands for invalid UTF-8.
_ALLOWED = re.compile(r"[^\W_]|[ \-.,'\u2019&+/]")
_WORD_START = re.compile(r"(?:^|\W)(?=\w)")


class BadQuery(ValueError):
    pass


def parse_query(raw: str) -> str:
    """The query with its spaces normalised; BadQuery with a message for the visitor."""
    if len(raw) > MAX_LENGTH:
        message = _("The search text is too long (at most %(max)d characters).")
        raise BadQuery(message % {"max": MAX_LENGTH})
    # Decomposed umlauts (u + combining diaeresis) become the letters the names are made of.
    raw = unicodedata.normalize("NFC", raw)
    if not all(_ALLOWED.fullmatch(character) for character in raw):
        raise BadQuery(_("Use only letters, digits, spaces and - . , ' & + / in the search text."))
    return " ".join(raw.split())


@dataclass(frozen=True)
class Entry:
    keys: tuple  # folded word starts the typed text is matched against
    item: object


def _keys(*names) -> tuple:
    keys = []
    for name in names:
        folded = fold(name or "")
        keys.extend(folded[match.end() :] for match in _WORD_START.finditer(folded))
    return tuple(dict.fromkeys(key for key in keys if key))


class Index:
    """Disciplines, Teilmärkte and places with the word starts of their names."""

    def __init__(self, vocabulary):
        self.vocabulary = vocabulary
        self.disciplines = [
            Entry(_keys(item.name, item.name_en, search_terms_of(item)), item)
            for item in (*vocabulary.submarkets, *vocabulary.disciplines)
        ]
        self.places = [
            Entry(_keys(item.name), item)
            for item in sorted(vocabulary.municipalities, key=lambda m: sort_key(m.name))
        ]


_index = None


def _load_index() -> Index:
    global _index
    vocabulary = load_vocabulary()
    if _index is None or _index.vocabulary is not vocabulary:
        _index = Index(vocabulary)
    return _index


def _matching(entries, folded, limit):
    """Entries whose whole name starts with `folded` first, then those with a later word."""
    first = [e.item for e in entries if e.keys[0].startswith(folded)]
    later = [
        e.item
        for e in entries
        if not e.keys[0].startswith(folded) and any(k.startswith(folded) for k in e.keys[1:])
    ]
    return (first + later)[:limit]


def _members(folded, limit):
    # Folded once, as the sort name is: folding is not idempotent ("Maueer").
    prefix = folded[: Profile._meta.get_field("sort_name").max_length]
    # The range lets the index find the first row; startswith keeps the result exact under
    # any collation. Both together read at most `limit` index entries.
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return list(
        Profile.objects.listed()
        .filter(sort_name__gte=prefix, sort_name__lt=upper, sort_name__startswith=prefix)
        .order_by("sort_name", "pk")
        .values_list("name", "slug")[:limit]
    )


def _directory_url(parameter, slug):
    return f"{reverse('verzeichnis:directory')}?{urlencode({parameter: slug})}"


GROUP_LABELS = {
    "disciplines": gettext_lazy("Disciplines"),
    "places": gettext_lazy("Places"),
    "members": gettext_lazy("Members"),
}


def suggest(query: str) -> dict:
    """{"query", "count", "groups": [{"kind", "label", "items": [{"label", "url"}]}]}."""
    folded = fold(query).strip()
    found = {"disciplines": [], "places": [], "members": []}
    if len(folded) >= MIN_LENGTH:
        index = _load_index()
        found["disciplines"] = [
            {
                "label": item.localized_name,
                "url": _directory_url(
                    "disziplin" if isinstance(item, Discipline) else "teilmarkt", item.slug
                ),
            }
            for item in _matching(index.disciplines, folded, MAX_SUGGESTIONS)
        ]
        found["places"] = [
            {"label": item.name, "url": _directory_url("ort", item.slug)}
            for item in _matching(index.places, folded, MAX_SUGGESTIONS)
        ]
        found["members"] = [
            {"label": name, "url": reverse("mitglieder:detail", kwargs={"slug": slug})}
            for name, slug in _members(folded, MAX_SUGGESTIONS)
        ]
    shown = _share(found)
    groups = [
        {"kind": kind, "label": str(GROUP_LABELS[kind]), "items": items}
        for kind, items in shown.items()
        if items
    ]
    return {"query": query, "count": sum(len(g["items"]) for g in groups), "groups": groups}


def _share(found: dict) -> dict:
    """At most MAX_SUGGESTIONS in all: each group its quota, then free slots in order."""
    taken = {kind: min(len(items), QUOTAS[kind]) for kind, items in found.items()}
    free = MAX_SUGGESTIONS - sum(taken.values())
    for kind in ("members", "disciplines", "places"):
        extra = min(free, len(found[kind]) - taken[kind])
        taken[kind] += extra
        free -= extra
    return {kind: found[kind][: taken[kind]] for kind in ("disciplines", "places", "members")}
