"""Language-aware text folding and search-term handling shared by both database backends."""

import re

# DIN 5007-1 ("dictionary order"): Ä sorts with A, ß with ss. The same folding makes search
# umlaut-insensitive: "Muller" and "Mueller" both find "Müller".
_FOLDING = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "ẞ": "ss", "é": "e", "è": "e"})
_DIGRAPHS = re.compile(r"(?<=[a-z])(ae|oe|ue)")
_WORD = re.compile(r"\w+", re.UNICODE)

MAX_TERMS = 8
MAX_TERM_LENGTH = 40
MAX_QUERY_LENGTH = 200


def fold(text: str) -> str:
    """Lower-case, umlauts and ß folded; "Müller", "Mueller" and "MULLER" all become "muller"."""
    folded = (text or "").casefold().translate(_FOLDING)
    return _DIGRAPHS.sub(lambda match: match.group(1)[0], folded)


def sort_key(text: str) -> str:
    """A key for German dictionary order that a plain index can sort by."""
    return fold(text).strip()[:150]


def search_terms(query: str) -> list[str]:
    """The words of a visitor's query, bounded so that a 10 000-character query stays cheap."""
    words = _WORD.findall((query or "")[:MAX_QUERY_LENGTH])
    terms = []
    for word in words:
        word = word.replace("_", "")[:MAX_TERM_LENGTH]
        if word and word not in terms:
            terms.append(word)
    return terms[:MAX_TERMS]


def stem_prefix(word: str) -> str:
    """A shortened word so that related forms match as prefixes.

    German derives many forms by suffix: "Fotografie" should find "Fotograf", "Designerin"
    should find "Designer". Cutting two letters off longer words and matching by prefix
    catches these without a dictionary.
    """
    if len(word) > 6:
        return word[: max(5, len(word) - 2)]
    if len(word) > 4:
        return word[:-1]
    return word
