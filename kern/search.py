"""Language-aware text folding and the words search matches, shared by both database backends.

One code path turns text into search tokens, for the index and for the query alike, so that
SQLite and PostgreSQL find the same profiles: fold (case, umlauts, ß), drop stopwords and
words shorter than three letters, unify feminine and "-ie" forms, stem with the German
Snowball stemmer, and split compounds whose parts are known vocabulary ("Grafikdesign" is
also "Grafik" and "Design").
"""

import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

# DIN 5007-1 ("dictionary order"): Ä sorts with A, ß with ss. The same folding makes search
# umlaut-insensitive: "Muller" and "Mueller" both find "Müller".
_FOLDING = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "ẞ": "ss", "é": "e", "è": "e"})
_DIGRAPHS = re.compile(r"(?<=[a-z])(ae|oe|ue)")
_WORD = re.compile(r"\w+", re.UNICODE)

MAX_TERMS = 8
MAX_TERM_LENGTH = 40
MAX_QUERY_LENGTH = 200
MIN_WORD_LENGTH = 3
# A query token this long also matches longer tokens ("Foto" finds "Fotografin"); shorter
# ones only themselves, so that "Mode" ("mod") does not find "Moderatorin".
MIN_PREFIX_LENGTH = 4


def _word_list(text: str) -> list[str]:
    return text.split()


# Folded. German first, then English for /en/ and English texts; a word in either list
# carries no meaning of its own in a directory search ("Typografie und Ausstellung").
STOPWORDS = frozenset(
    _word_list(
        """
    aber alle allem allen aller alles als also ander andere anderem anderen anderer anderes
    auch auf aus bei beim bin bis bist damit dann das dass dein deine dem den denn der des
    dessen die dies diese diesem diesen dieser dieses doch dort durch ein eine einem einen
    einer eines einig einige einigem einigen einiger einiges einmal etwas euch euer eure fur
    gegen gewesen hab habe haben hat hatte hatten hier hin hinter ich ihm ihn ihnen ihr ihre
    ihrem ihren ihrer ihres im in ist jede jedem jeden jeder jedes jene jenem jenen jener jenes
    jetzt kann kein keine keinem keinen keiner keines konnen konnte machen man manche manchem
    manchen mancher manches mein meine meinem meinen meiner meines mich mir mit muss musste
    nach nicht nichts noch nun nur ob oder ohne sehr sein seine seinem seinen seiner seines
    selbst sich sie sind so solche solchem solchen solcher solches soll sollte sondern sonst
    uber um und uns unser unsere unter vom von vor wahrend war waren warst was weg weil weiter
    welche welchem welchen welcher welches wenn werde werden wie wieder will wir wird wirst
    wo wollen wollte wurde wurden zum zur zwar zwischen
    about after all also and any are because been before being both but can could did does
    doing down during each few for from further had has have having her here hers herself him
    himself his how into its itself just more most myself nor not now off once only other
    our ours out over own same she should some such than that the their theirs them then there
    these they this those through too under until very was were what when where which while
    who whom why with would you your yours
    """
    )
)

# Parts of compounds that a visitor may search on their own (folded): these general ones,
# and the words of the disciplines, the Teilmärkte and their staff-edited search terms,
# which the layer that owns them passes in (use_vocabulary_parts), so that a term staff
# add ("Keramik") splits "Keramikdesign" too. The index and the query split a word the
# same way as long as both see the same parts: a change of the terms reindexes the
# profiles of that discipline, and `reindex_profiles` all of them.
COMPOUND_PARTS = frozenset(
    _word_list(
        """
    agentur animation architekt architektur atelier audio ausstellung bild booking buch buhne buro
    design druck entwickler entwicklung event fernseh film foto fotografie gestaltung grafik handel
    handwerk holz illustration innen instrument journalismus kamera kino klang kommunikation
    konzept konzert kultur kunst label landschaft licht marke marketing medien mode mobel
    musik papier planung podcast presse produkt produktion radio raum redaktion schmuck software
    sound spiel spiele stadt studio tanz technik text textil theater ton typografie
    veranstaltung verlag video web werbe werbung zeitschrift zeitung
    """
    )
)
_LINKING = ("s", "")  # "Ausstellungs|gestaltung"
# Vocabulary words this short stay whole: "Band" would split "Musikverband".
MIN_VOCABULARY_PART = 5


def _by_length(parts) -> tuple[str, ...]:
    return tuple(sorted(parts, key=len, reverse=True))


_COMPOUND_PREFIXES = _by_length(COMPOUND_PARTS)
# Parts that begin compounds but also end unrelated words ("Designerinnen", "Kanton"). Only
# the general parts end a compound after an unknown head: vocabulary words must be
# followed by a known part (they are many, and some end unrelated words).
_TAIL_PARTS = tuple(p for p in _COMPOUND_PREFIXES if p not in {"innen", "ton", "werbe", "spiele"})
_vocabulary_parts = frozenset()

# Feminine job titles whose ending the stemmer keeps ("Fotografin", "Architektin"): cut it,
# so that they meet the masculine form and the "-ie" noun ("Fotograf", "Fotografie").
_FEMININE = re.compile(r"(?<=or|st|af|ph|kt|nt|ur|og|ed)in(nen)?$")

_stemmer = snowballstemmer.stemmer("german")


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


def is_meaningful(folded_word: str) -> bool:
    return len(folded_word) >= MIN_WORD_LENGTH and folded_word not in STOPWORDS


@lru_cache(maxsize=100_000)
def stem(folded_word: str) -> str:
    """The token a folded word is indexed and searched by: "Fotografin", "Fotografen" and
    "Fotografie" all become "fotograf"."""
    word = folded_word
    if len(word) >= 7:
        word = _FEMININE.sub("", word)
    if len(word) >= 7 and word.endswith(("ie", "ien")):
        word = word[: -2 if word.endswith("ie") else -3]
    return _stemmer.stemWord(word)


def use_vocabulary_parts(texts) -> None:
    """Make the words of `texts` (names and search terms of the vocabulary) known compound
    parts too, in addition to COMPOUND_PARTS; cheap when they have not changed."""
    global _COMPOUND_PREFIXES, _vocabulary_parts
    parts = frozenset(
        word
        for text in texts
        for word in _WORD.findall(fold(text))
        if len(word) >= MIN_VOCABULARY_PART and word.isalpha() and word not in STOPWORDS
    )
    if parts == _vocabulary_parts:
        return
    _vocabulary_parts = parts
    _COMPOUND_PREFIXES = _by_length(COMPOUND_PARTS | parts)
    _split_known.cache_clear()
    compound_parts.cache_clear()
    index_tokens.cache_clear()


@lru_cache(maxsize=100_000)
def _split_known(word: str):
    """(head, tail) if `word` is a known part followed by a word that starts with one."""
    for head in _COMPOUND_PREFIXES:
        if not word.startswith(head):
            continue
        for linking in _LINKING:
            tail = word[len(head) + len(linking) :]
            if (
                len(tail) >= 4
                and word[len(head) : len(head) + len(linking)] == linking
                and tail.startswith(_COMPOUND_PREFIXES)
            ):
                return head, tail
    return None


def _strict_parts(word: str) -> tuple[str, ...]:
    split = _split_known(word)
    if not split:
        return ()
    head, tail = split
    return (head, *(_strict_parts(tail) or (tail,)))


@lru_cache(maxsize=100_000)
def compound_parts(folded_word: str) -> tuple[str, ...]:
    """The known parts of a compound, folded: "grafikdesignerin" → ("grafik", "designerin"),
    "hochzeitsfotografie" → ("fotografie",). Empty for a word that is no such compound."""
    parts = _strict_parts(folded_word)
    if parts:
        return parts
    for part in _TAIL_PARTS:
        # A known last part after an unknown head ("Hochzeits|fotografie"); short parts
        # only after a head of some length, so "Kommode" is no "Mode".
        if folded_word.endswith(part) and len(folded_word) - len(part) >= max(3, 8 - len(part)):
            return (part,)
    return ()


# Cached: discipline, submarket and place texts recur in every profile of them.
@lru_cache(maxsize=10_000)
def index_tokens(text: str, *, split_compounds: bool = True) -> tuple[str, ...]:
    """The tokens a text is found by: every meaningful word's stem and its compound parts'
    (not for names of places: "Annaberg-Buchholz" is no "Holz")."""
    tokens = {}
    for word in _WORD.findall(fold(text)):
        word = word.replace("_", "")[:MAX_TERM_LENGTH]
        if not is_meaningful(word):
            continue
        tokens[stem(word)] = None
        for part in compound_parts(word) if split_compounds else ():
            tokens[stem(part)] = None
    return tuple(tokens)


@dataclass(frozen=True)
class QueryWord:
    """One word of a query: it matches a token that starts with `token`, or tokens that start
    with each of `parts` (the word's known compound parts, all of them)."""

    word: str
    token: str
    parts: tuple[str, ...] = ()

    def patterns(self) -> list[tuple[str, bool]]:
        """(token, as prefix) pairs of `token` and `parts`. Only the last part may be the
        start of a longer token: the first ones were split off whole ("Produkt|design"
        must not find "Produktion" and "Design")."""
        last = len(self.parts)
        return [
            (token, len(token) >= MIN_PREFIX_LENGTH and (i == 0 or i == last))
            for i, token in enumerate((self.token, *self.parts))
        ]


def query_words(query: str) -> list[QueryWord]:
    """The words of a query that search matches by; stopwords and short words are left out."""
    words = []
    for term in _WORD.findall(fold((query or "")[:MAX_QUERY_LENGTH])):
        term = term.replace("_", "")[:MAX_TERM_LENGTH]
        if not is_meaningful(term) or any(w.word == term for w in words):
            continue
        parts = compound_parts(term) if _split_known(term) else ()
        words.append(QueryWord(term, stem(term), tuple(stem(part) for part in parts)))
        if len(words) == MAX_TERMS:
            break
    return words
