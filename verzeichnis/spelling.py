"""Typo tolerance for the directory search: "Meinten Sie „Illustration“?".

A query word of 5 or more letters that the directory does not know may be one edit away
from a word it does know, 9 or more letters two edits (Levenshtein: insert, delete or
replace one letter). The known words are those of disciplines, Teilmärkte, districts and
places (German and English names) and of the listed profiles' names. The same code runs on
SQLite and PostgreSQL, so both backends suggest the same correction.

The words live in each process's memory, in lists by length, so a correction compares a
word with the few thousand words of a similar length only (rapidfuzz, in C: well under a
millisecond). The fixed vocabulary is rebuilt when staff change it (verzeichnis.vocabulary);
the name words when a profile changes (see name_words: in a large directory in the
background, at most once a minute; a name saved in the last minute missing from the
corrections costs nothing worse than no suggestion).
"""

import math
import re
import threading
import time
from collections import defaultdict

from django.db import connection
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from kern import versions
from kern.search import MAX_TERM_LENGTH, MAX_TERMS, fold
from mitglieder.models import PROFILES_VERSION, Profile
from verzeichnis.vocabulary import load_vocabulary

ONE_EDIT_FROM = 5
TWO_EDITS_FROM = 9
# Shorter words are never corrected, but a five-letter typo may be a four-letter word plus
# one letter; the known words start there.
SHORTEST_KNOWN_WORD = ONE_EDIT_FROM - 1
NAME_WORDS_REFRESH_SECONDS = 60
SLOW_REBUILD_SECONDS = 0.02
READ_NAMES_AT_ONCE = 5000  # profiles whose names a request may read itself (about 20 ms)

_WORD = re.compile(r"\w+", re.UNICODE)
_lock = threading.Lock()
_cache = {}  # "fixed": (vocabulary, Words); "names": (version, built at, seconds, Words)


def allowed_edits(word: str) -> int:
    if len(word) >= TWO_EDITS_FROM:
        return 2
    if len(word) >= ONE_EDIT_FROM:
        return 1
    return 0


class Words:
    """Known words: folded form -> the word as it is written, and the folded forms by length."""

    def __init__(self, texts):
        self.written = {}
        # Order of first appearance: on a tie the word from the earlier text wins, also
        # against a word of another length ("Fotografie" the discipline over "Fotograf",
        # one of its search terms, for "Fotografi").
        self.rank = {}
        by_length = defaultdict(list)
        # One regular-expression pass over all texts and each distinct word folded once:
        # 200 000 names hold a few hundred thousand words but far fewer distinct ones.
        distinct = dict.fromkeys(_WORD.findall("\n".join(text or "" for text in texts)))
        for word in distinct:
            folded = fold(word)
            if len(folded) < SHORTEST_KNOWN_WORD or folded.isdigit() or "_" in folded:
                continue
            known = self.written.get(folded)
            if known is None:
                by_length[len(folded)].append(folded)
                self.rank[folded] = len(self.rank)
            # "Fotografie", not the "fotografie" of a compound's second word.
            if known is None or (word[0].isupper() and not known[0].isupper()):
                self.written[folded] = word
        self.by_length = dict(by_length)

    def __contains__(self, folded):
        return folded in self.written

    def closest(self, folded: str, edits: int):
        """(distance, written word) of the nearest known word within `edits`, or None.
        Among equally near words the first one added wins, so the order of the texts is the
        order of preference."""
        best = best_key = None
        for length in range(len(folded) - edits, len(folded) + edits + 1):
            candidates = self.by_length.get(length)
            if not candidates:
                continue
            found = process.extractOne(
                folded, candidates, scorer=Levenshtein.distance, score_cutoff=edits
            )
            if found is None:
                continue
            key = (found[1], self.rank[found[0]])
            if best is None or key < best_key:
                best, best_key = (found[1], self.written[found[0]]), key
        return best


NO_WORDS = Words(())


def search_terms_of(item) -> str:
    """The synonyms and job titles staff give a discipline or Teilmarkt ("Illustratorin,
    Zeichner" for Illustration), as one text; empty while the model has no such field."""
    terms = getattr(item, "search_terms", "") or ""
    return terms if isinstance(terms, str) else " ".join(terms)


def _fixed_texts(vocabulary):
    """The staff-edited vocabulary, disciplines first: on a tie they win over places."""
    for discipline in vocabulary.disciplines:
        yield discipline.name
        yield discipline.name_en
    for submarket in vocabulary.submarkets:
        yield submarket.name
        yield submarket.name_en
    for item in (*vocabulary.disciplines, *vocabulary.submarkets):
        yield search_terms_of(item)
    for district in vocabulary.districts:
        yield district.name
    for municipality in vocabulary.municipalities:
        yield municipality.name


def fixed_words() -> Words:
    vocabulary = load_vocabulary()
    cached = _cache.get("fixed")
    if cached is not None and cached[0] is vocabulary:
        return cached[1]
    words = Words(_fixed_texts(vocabulary))
    _cache["fixed"] = (vocabulary, words)
    return words


def name_words() -> Words:
    """The words of the listed profiles' names.

    After a profile change they are read again at once while that is quick (a small
    directory, and every test). In a large one, where it takes longer than
    SLOW_REBUILD_SECONDS (at 200 000 profiles most of a second on a busy 2-core machine,
    nearly all of it the database sending the names), visitors keep getting the previous
    words and a background thread reads them again, at most once per
    NAME_WORDS_REFRESH_SECONDS; a process's first read in a large directory is in the
    background as well, and until it is done only the fixed vocabulary corrects.
    """
    version = versions.current(PROFILES_VERSION)
    cached = _cache.get("names")
    if cached is None:  # the first use in this process
        if Profile.objects.listed().count() <= READ_NAMES_AT_ONCE:
            return _read_name_words(version)
        cached = (None, -math.inf, math.inf, NO_WORDS)
    built_version, built_at, seconds, words = cached
    if built_version == version:
        return words
    if seconds <= SLOW_REBUILD_SECONDS:
        return _read_name_words(version)
    if time.monotonic() - built_at >= NAME_WORDS_REFRESH_SECONDS:
        # Noted as started now, so that neither this query's other words nor other
        # requests start another read within the minute.
        _cache["names"] = (built_version, time.monotonic(), seconds, words)
        _read_name_words_in_background(version)
    return words


def _read_name_words(version) -> Words:
    with _lock:  # one reader of all names per process at a time
        cached = _cache.get("names")
        if cached is not None and cached[0] == version:
            return cached[3]
        started = time.monotonic()
        # Unordered: the default order by name would sort every row for nothing.
        names = Profile.objects.listed().order_by().values_list("name", flat=True)
        words = Words(names)
        _cache["names"] = (version, started, time.monotonic() - started, words)
    return words


def _read_name_words_in_background(version) -> None:
    if _lock.locked():
        return  # already being read

    def read():
        try:
            _read_name_words(version)
        finally:
            connection.close()  # this thread's own connection

    threading.Thread(target=read, name="name-words", daemon=True).start()


def correct_word(word: str):
    """The known word nearest to `word`, as written in the vocabulary; None if `word` is
    known, too short to correct, or near nothing."""
    folded = fold(word)
    edits = allowed_edits(folded)
    if not edits:
        return None
    fixed, names = fixed_words(), name_words()
    if folded in fixed or folded in names:
        return None
    best = fixed.closest(folded, edits)
    if best is None or best[0] > 1:
        # A name wins only if strictly nearer than the discipline or place found.
        nearer = names.closest(folded, best[0] - 1 if best else edits)
        if nearer is not None:
            best = nearer
    return best[1] if best else None


def corrected_query(query: str):
    """`query` with each unknown word replaced by its nearest known word, or None if no
    word changed. Everything else the visitor typed stays as it was."""
    changed, seen = False, 0

    def replace(match):
        nonlocal changed, seen
        seen += 1
        # The search reads only the first MAX_TERMS words (kern.search), nor does this.
        if seen > MAX_TERMS or len(match.group(0)) > MAX_TERM_LENGTH:
            return match.group(0)
        correction = correct_word(match.group(0))
        if correction is None:
            return match.group(0)
        changed = True
        return correction

    corrected = _WORD.sub(replace, query)
    return corrected if changed else None


# Fewer results than this and the page offers a corrected search.
FEW_RESULTS = 3


def did_you_mean(directory):
    """{"query", "url"} of a corrected search for a directory whose search finds fewer than
    FEW_RESULTS profiles, or None. The link keeps the other filters and the sort order."""
    if "q" not in directory.values or "q" in directory.fixed:
        return None
    if directory.totals()["total"] >= FEW_RESULTS:
        return None
    corrected = corrected_query(directory.raw["q"])
    if corrected is None:
        return None
    return {"query": corrected, "url": directory.url(q=corrected)}
