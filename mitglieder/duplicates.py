"""Does a newcomer resemble a profile or an open membership request we already have?

Used by the membership request form (/mitglied-werden/), the moderation queue and the member
import (einlesen). A candidate is compared by

- name: folded (kern.search.fold), legal forms ("GmbH", "e. V.") and punctuation dropped,
  then rapidfuzz's token-sort ratio (word order does not matter), or all words of the
  shorter name found in the longer one;
- website: the host without "www.", except for platforms that many members share
  (instagram.com/…);
- e-mail: the address itself against the contact address, the confirmed contact address,
  the editors' account addresses and the open requests' addresses; for an own domain
  (not a freemail provider) the domain too.

Nothing here scans every profile in Python: addresses and hosts are compared in the
database (one query per batch of candidates), names through the search index (one indexed
query per batch of names, NAME_ALTERNATIVES alternatives at most, for the profiles sharing
distinctive words with one of them), and only that set goes through rapidfuzz. The callers
decide what to show to whom: a match carries whether the profile is public
(`Match.public`) and which data matched (`Match.reasons`).
"""

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.contrib.postgres.search import SearchQuery
from django.db.models import Q, Value
from django.db.models.functions import Concat, Lower, Replace, StrIndex, Substr
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rapidfuzz import fuzz, process

from kern.search import fold, index_tokens, sort_key, stem
from mitglieder.models import MembershipRequest, Profile
from mitglieder.search import fts_matches, fts_pattern, uses_postgres_search
from verbaende.scoping import sees_all_associations, staff_association_id


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


NAME = "name"
WEBSITE = "website"
EMAIL = "email"
EMAIL_DOMAIN = "email_domain"
# What the public may learn matched: the name and the website are on the profile page.
PUBLIC_REASONS = frozenset({NAME, WEBSITE})
# Reasons that make two entries almost certainly the same member.
STRONG_REASONS = frozenset({WEBSITE, EMAIL})

NAME_THRESHOLD = 88  # token-sort ratio, 0-100
NAME_ALTERNATIVES = 60  # alternatives of one tsquery that prefilters a batch of names
NAME_POOL = 5000  # profiles at most that such a query hands to rapidfuzz
BATCH = 500  # addresses or hosts per query

FREEMAIL_DOMAINS = _words(
    """
    gmail.com googlemail.com web.de gmx.de gmx.net gmx.at gmx.ch t-online.de freenet.de
    arcor.de online.de outlook.com outlook.de hotmail.com hotmail.de live.com live.de msn.com
    yahoo.com yahoo.de ymail.com icloud.com me.com mac.com aol.com aol.de posteo.de posteo.net
    mailbox.org protonmail.com proton.me pm.me gmx.com mail.de email.de kabelmail.de
    vodafone.de magenta.de yandex.com zoho.com tutanota.com tutanota.de tuta.io
    """
)
# Hosts that hold many members' pages (instagram.com/name): a shared host is no evidence.
SHARED_HOSTS = _words(
    """
    instagram.com facebook.com fb.com linkedin.com xing.com behance.net dribbble.com
    youtube.com youtu.be vimeo.com soundcloud.com bandcamp.com github.com etsy.com twitter.com
    x.com tiktok.com pinterest.com mastodon.social linktr.ee flickr.com artstation.com
    issuu.com spotify.com open.spotify.com
    """
)
# Words of names that say nothing about who it is ("Atelier", "Studio", "GmbH"): a name
# prefilter on them alone would hand half the directory to rapidfuzz.
LEGAL_FORMS = _words(
    """
    gmbh mbh ug haftungsbeschrankt kg gbr ohg ag ev e v co inh inhaber inhaberin
    """
)
_GENERIC_WORDS = """
    atelier studio studios design designs agentur buro verlag foto fotografie photography
    film filmproduktion kunst musik media medien kreativ creative galerie werkstatt produktion
    kollektiv architektur architekten grafik grafikdesign kommunikation gestaltung theater
    sachsen leipzig dresden chemnitz
"""
GENERIC_TOKENS = frozenset(stem(fold(word)) for word in _words(_GENERIC_WORDS)) | frozenset(
    stem(word) for word in LEGAL_FORMS
)
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Candidate:
    """Who is asking or being imported; empty values are not compared."""

    name: str
    email: str = ""
    website: str = ""


@dataclass
class Match:
    """One existing profile or open request that resembles a candidate."""

    kind: str  # "profile" or "request"
    pk: int
    name: str
    association_id: int
    reasons: set = field(default_factory=set)
    score: int = 0  # name similarity, 0-100
    public: bool = False  # a listed, published profile: anyone may see its name
    slug: str = ""
    status: str = ""

    @property
    def is_strong(self) -> bool:
        """The same address, the same website or the same words in the name."""
        return bool(self.reasons & STRONG_REASONS) or self.score == 100

    @property
    def public_reasons(self) -> set:
        return self.reasons & PUBLIC_REASONS if self.public else set()


# --- Normalising ----------------------------------------------------------------------------


def name_core(name: str) -> str:
    """The folded words of a name without legal forms: "Müller GmbH & Co. KG" → "muller"."""
    words = [w for w in _WORD.findall(fold(name)) if w not in LEGAL_FORMS]
    return " ".join(words)


def normalise_email(address: str) -> str:
    return (address or "").strip().lower()


def email_domain(address: str) -> str:
    """The domain of an address, "" for freemail providers (shared by strangers)."""
    address = normalise_email(address)
    if "@" not in address:
        return ""
    domain = address.rsplit("@", 1)[1]
    return "" if domain in FREEMAIL_DOMAINS else domain


def website_host(url: str) -> str:
    """The host of a website without "www.", "" for empty, unparsable or shared hosts."""
    url = (url or "").strip().lower()
    if not url:
        return ""
    if "://" not in url:
        url = "http://" + url
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    host = host.removeprefix("www.")
    return "" if host in SHARED_HOSTS or "." not in host else host


def _host_expression(field_name):
    """website_host in SQL: lower-case, without scheme and "www.", up to the first "/"."""
    url = Lower(field_name)
    for prefix in ("https://", "http://", "www."):
        url = Replace(url, Value(prefix), Value(""))
    return Substr(url, 1, StrIndex(Concat(url, Value("/")), Value("/")) - 1)


def _domain_expression(field_name):
    return Lower(Substr(field_name, StrIndex(field_name, Value("@")) + 1))


def _chunks(values, size=BATCH):
    values = sorted(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


# --- Finding --------------------------------------------------------------------------------


def name_similarity(core_a: str, core_b: str) -> int:
    """0-100, word order ignored: 100 for the same words; 99 when every word of the shorter
    name (at least two of them) is in the longer one ("Atelier Olga", "Atelier Olga Müller")."""
    if not core_a or not core_b:
        return 0
    score = int(fuzz.token_sort_ratio(core_a, core_b))
    shorter, longer = sorted((core_a.split(), core_b.split()), key=len)
    if score < 100 and len(shorter) >= 2 and set(shorter) <= set(longer):
        score = 99
    return score


def _name_tokens(name: str) -> list[str]:
    tokens = list(index_tokens(name, split_compounds=False))
    distinctive = [t for t in tokens if t not in GENERIC_TOKENS]
    return distinctive or tokens


# How many of a long name's distinctive words are paired for the prefilter, and from how
# many letters a one-word name's word is also matched by its first five letters.
PAIR_WORDS = 4
TYPO_PREFIX = 5
LONG_WORD = 9


def _name_patterns(name: str) -> list[tuple[tuple[str, bool], ...]]:
    """Alternatives for the search-index prefilter, each a tuple of (token, as prefix) that
    must all be in a profile's name. A name with one distinctive word: that word, or its
    first five letters (a typo later in the word still meets). A longer name: any two of
    its first four distinctive words, whole (one may be misspelt; "Anja Adler" does not
    bring every Anja), or one long word alone. Whole tokens keep the index lookups cheap
    (short prefixes of them cost seconds per batch), and so do small batches: with many
    more alternatives in one tsquery, PostgreSQL estimates the index scan dearer than
    reading the table, and evaluating hundreds of alternatives for every row takes a
    second at 20 000 profiles."""
    tokens = _name_tokens(name)
    if len(tokens) == 1:
        token = tokens[0]
        patterns = [((token, False),)]
        if len(token) > TYPO_PREFIX:
            patterns.append(((token[:TYPO_PREFIX], True),))
        return patterns
    heads = tokens[:PAIR_WORDS]
    pairs = [((a, False), (b, False)) for i, a in enumerate(heads) for b in heads[i + 1 :]]
    # A long word is distinctive enough alone ("Lichtwerk Fotografi").
    return pairs + [((token, False),) for token in heads if len(token) >= LONG_WORD]


def _pool_condition(patterns) -> Q:
    """Profiles whose name holds every token of any of `patterns`, through the index."""
    if uses_postgres_search():
        # Tokens are \w-only (kern.search), so no tsquery operator can slip in. One
        # tsquery on the GIN-indexed vector only: an OR with another column would scan.
        raw = " | ".join(
            "(" + " & ".join(f"{token}:{'*' if prefix else ''}A" for token, prefix in pattern) + ")"
            for pattern in patterns
        )
        return Q(search_vector=SearchQuery(raw, search_type="raw", config="simple"))
    # SQLite: the same question to the FTS5 table, its name column (a).
    expression = " OR ".join(
        "(" + " AND ".join(f"a : {fts_pattern(token, prefix)}" for token, prefix in pattern) + ")"
        for pattern in patterns
    )
    return fts_matches(expression)


def _profile_match(row, reasons=(), score=0) -> Match:
    return Match(
        kind="profile",
        pk=row["pk"],
        name=row["name"],
        association_id=row["association_id"],
        reasons=set(reasons),
        score=score,
        public=row["status"] == Profile.Status.PUBLISHED and row["listed_in_directory"],
        slug=row["slug"],
        status=row["status"],
    )


PROFILE_COLUMNS = ("pk", "name", "association_id", "status", "listed_in_directory", "slug")


def find_duplicates(candidates, *, profiles=None, requests=None) -> list[list[Match]]:
    """For each candidate, the profiles (of `profiles`, default all) and open membership
    requests (of `requests`, default all pending) that resemble it, strongest first."""
    candidates = list(candidates)
    profiles = Profile.objects.all() if profiles is None else profiles
    if requests is None:
        requests = MembershipRequest.objects.filter(status=MembershipRequest.Status.PENDING)
    found = [{} for _ in candidates]  # per candidate: (kind, pk) -> Match

    def note(index, match, reason=None, score=0):
        key = (match.kind, match.pk)
        existing = found[index].setdefault(key, match)
        if reason:
            existing.reasons.add(reason)
        existing.score = max(existing.score, score)

    emails, domains, hosts = {}, {}, {}
    for index, candidate in enumerate(candidates):
        if address := normalise_email(candidate.email):
            emails.setdefault(address, []).append(index)
        if domain := email_domain(candidate.email):
            domains.setdefault(domain, []).append(index)
        if host := website_host(candidate.website):
            hosts.setdefault(host, []).append(index)

    _match_profile_emails(profiles, emails, domains, note)
    _match_profile_hosts(profiles, hosts, note)
    _match_request_emails(requests, emails, domains, note)
    _match_names(candidates, profiles, requests, note)

    return [
        sorted(matches.values(), key=lambda m: (not m.is_strong, -m.score, m.name))
        for matches in found
    ]


def _match_profile_emails(profiles, emails, domains, note):
    user_model = get_user_model()
    for chunk in _chunks(emails):
        owner_ids = user_model.objects.annotate(address=Lower("email")).filter(address__in=chunk)
        owned = Profile.owners.through.objects.filter(user__in=owner_ids)
        rows = (
            profiles.annotate(
                contact=Lower("contact_email"), confirmed=Lower("confirmed_contact_email")
            )
            .filter(
                Q(contact__in=chunk)
                | Q(confirmed__in=chunk)
                | Q(
                    pk__in=Profile.owners.through.objects.filter(user__in=owner_ids).values(
                        "profile"
                    )
                )
            )
            .values(*PROFILE_COLUMNS, "contact", "confirmed")
        )
        owners = dict(
            owned.annotate(address=Lower("user__email")).values_list("profile_id", "address")
        )
        for row in rows:
            for address in {row["contact"], row["confirmed"], owners.get(row["pk"])}:
                for index in emails.get(address, ()):
                    note(index, _profile_match(row), EMAIL)
    for chunk in _chunks(domains):
        rows = (
            profiles.exclude(contact_email="")
            .annotate(domain=_domain_expression("contact_email"))
            .filter(domain__in=chunk)
            .values(*PROFILE_COLUMNS, "domain")
        )
        for row in rows:
            for index in domains.get(row["domain"], ()):
                note(index, _profile_match(row), EMAIL_DOMAIN)


def _match_profile_hosts(profiles, hosts, note):
    for chunk in _chunks(hosts):
        rows = (
            profiles.exclude(website="")
            .annotate(host=_host_expression("website"))
            .filter(host__in=chunk)
            .values(*PROFILE_COLUMNS, "host")
        )
        for row in rows:
            for index in hosts.get(row["host"], ()):
                note(index, _profile_match(row), WEBSITE)


def _request_match(row) -> Match:
    return Match(
        kind="request",
        pk=row["pk"],
        name=row["name"],
        association_id=row["association_id"],
        status=row["status"],
    )


REQUEST_COLUMNS = ("pk", "name", "association_id", "status")


def _match_request_emails(requests, emails, domains, note):
    for chunk in _chunks(emails):
        rows = requests.annotate(address=Lower("email")).filter(address__in=chunk)
        for row in rows.values(*REQUEST_COLUMNS, "address"):
            for index in emails.get(row["address"], ()):
                note(index, _request_match(row), EMAIL)
    for chunk in _chunks(domains):
        rows = requests.annotate(domain=_domain_expression("email")).filter(domain__in=chunk)
        for row in rows.values(*REQUEST_COLUMNS, "domain"):
            for index in domains.get(row["domain"], ()):
                note(index, _request_match(row), EMAIL_DOMAIN)


def _match_names(candidates, profiles, requests, note):
    cores = [name_core(candidate.name) for candidate in candidates]
    # Open requests are few (staff decide them): their names are compared all at once.
    open_requests = list(requests.values(*REQUEST_COLUMNS))
    request_cores = [name_core(row["name"]) for row in open_requests]
    for index, core in enumerate(cores):
        for position, score in _similar(core, request_cores):
            note(index, _request_match(open_requests[position]), NAME, score)

    # Profiles: one indexed query for a batch of candidates, then rapidfuzz (in C) over
    # what it found, so the number of queries does not grow with every name.
    for batch, patterns in _name_batches(candidates, cores):
        # Names without a word the index keeps ("AB"): by their folded form.
        bare = {
            sort_key(candidates[i].name) for i in batch if not _name_patterns(candidates[i].name)
        }
        pool = []
        if patterns:
            pool += (
                profiles.filter(_pool_condition(sorted(patterns)))
                .order_by()
                .values(*PROFILE_COLUMNS)[:NAME_POOL]
            )
        if bare:
            pool += profiles.filter(sort_name__in=bare).order_by().values(*PROFILE_COLUMNS)
        pool_cores = [name_core(row["name"]) for row in pool]
        for index in batch:
            for position, score in _similar(cores[index], pool_cores):
                note(index, _profile_match(pool[position]), NAME, score)


def _name_batches(candidates, cores):
    """([candidate index, ...], {pattern, ...}) batches whose patterns stay within
    NAME_ALTERNATIVES, so that PostgreSQL keeps to the index (see _name_patterns); names
    that share their patterns share a batch however many they are."""
    batch, patterns = [], set()
    for index, core in enumerate(cores):
        if not core:
            continue
        own = set(_name_patterns(candidates[index].name))
        if batch and len(patterns | own) > NAME_ALTERNATIVES:
            yield batch, patterns
            batch, patterns = [], set()
        batch.append(index)
        patterns |= own
    if batch:
        yield batch, patterns


def _similar(core, cores):
    """(position, score) of the names in `cores` that resemble `core` (name_similarity,
    computed by rapidfuzz in C over the whole list)."""
    if not core or not cores:
        return []
    found = {
        position: int(score)
        for _choice, score, position in process.extract(
            core, cores, scorer=fuzz.token_sort_ratio, score_cutoff=NAME_THRESHOLD, limit=None
        )
    }
    # Every word of the shorter name (at least two) in the longer one: 99.
    for _choice, _score, position in process.extract(
        core, cores, scorer=fuzz.token_set_ratio, score_cutoff=100, limit=None
    ):
        if found.get(position) != 100 and name_similarity(core, cores[position]) == 99:
            found[position] = 99
    return list(found.items())


def similar_names(cores, threshold=NAME_THRESHOLD):
    """Within one list of name cores (an import file): for each index, the earlier indexes
    whose name resembles it (at most five), by rapidfuzz in C over all earlier names. The
    words are sorted once here, so the plain ratio is the token-sort ratio."""
    sorted_cores = [" ".join(sorted(core.split())) for core in cores]
    result = [[] for _ in cores]
    for index, core in enumerate(sorted_cores):
        if not core or index == 0:
            continue
        hits = process.extract(
            core, sorted_cores[:index], scorer=fuzz.ratio, score_cutoff=threshold, limit=5
        )
        result[index] = sorted(other for _choice, _score, other in hits)
    return result


# --- What a staff member may see of the matches ---------------------------------------------
#
# Of the matches, a staff member sees the ones in their scope (verbaende.scoping: linked to
# the admin), and of the others only listed public profiles matched by public data (name,
# website: linked to the public page); the rest is counted, never named.

REASON_LABELS = {
    NAME: _("similar name"),
    WEBSITE: _("same website"),
    EMAIL: _("same e-mail address"),
    EMAIL_DOMAIN: _("same e-mail domain"),
}
REASON_ORDER = [EMAIL, WEBSITE, NAME, EMAIL_DOMAIN]


@dataclass
class Pair:
    """One entry resembling a request, as the staff member may see it."""

    label: str
    url: str
    reasons: list
    kind: str  # "profile" or "request"
    in_scope: bool


def reason_labels(reasons):
    return [REASON_LABELS[r] for r in REASON_ORDER if r in reasons]


def visible_ids(user, matches):
    """The profile and request ids of `matches` that `user` may see (visible_to, which for
    both models goes by their association), without a query."""
    if sees_all_associations(user):
        visible = matches
    else:
        association_id = staff_association_id(user)
        visible = [m for m in matches if association_id and m.association_id == association_id]
    return (
        {m.pk for m in visible if m.kind == "profile"},
        {m.pk for m in visible if m.kind == "request"},
    )


def pairs_for(matches, visible_profiles, visible_requests):
    """(pairs the staff member may see, number of further matches outside their scope)."""
    pairs, hidden = [], 0
    for match in matches:
        if match.kind == "profile" and match.pk in visible_profiles:
            url = reverse("admin:mitglieder_profile_change", args=[match.pk])
            pairs.append(Pair(match.name, url, reason_labels(match.reasons), "profile", True))
        elif match.kind == "request" and match.pk in visible_requests:
            url = reverse("admin:mitglieder_membershiprequest_change", args=[match.pk])
            pairs.append(Pair(match.name, url, reason_labels(match.reasons), "request", True))
        elif match.public_reasons:
            url = reverse("mitglieder:detail", kwargs={"slug": match.slug})
            pairs.append(
                Pair(match.name, url, reason_labels(match.public_reasons), "profile", False)
            )
            hidden += match.reasons != match.public_reasons
        else:
            hidden += 1
    return pairs, hidden
