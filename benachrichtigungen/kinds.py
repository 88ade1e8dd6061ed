"""What is new for each kind of alert, and which subscription it is for.

A run loads each kind's new items once (`load(since, until)`: published after the oldest
high-water mark among the subscriptions it serves), then matches them per subscription in
Python: no query per subscription and item. Members are the exception that stays cheap:
their criteria are the directory's own filters (search included), so the new profiles are
filtered by the directory's FilterSet once per distinct filter state, not per subscriber.

New means published after the mark: members by `published_at`, news by `publish_at`
(scheduled ones count from then), success reports by `published_at` (approval), events by
`created_at` (events have no publication date; one drafted before the mark and published
after it is not announced), spaces and calls by `published_at`, each among what the public
may see at the moment of the run.
"""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.urls import NoReverseMatch, reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aktuelles.models import NewsItem, SuccessReport
from benachrichtigungen.forms import parse_directory_query
from benachrichtigungen.models import Subscription
from kern.site_url import absolute_url
from kooperationen.models import Call
from mitglieder.models import Profile
from raeume.models import Listing
from veranstaltungen.models import Event
from verzeichnis.filters import VOCABULARY_FILTERS
from verzeichnis.vocabulary import load_vocabulary

Kind = Subscription.Kind


@dataclass
class Item:
    """One new thing as a mail lists it, with what the matching needs."""

    published_at: datetime
    title: str
    url: str
    detail: str = ""
    pk: int = 0
    facts: dict = field(default_factory=dict)
    kind: str = ""

    @property
    def key(self):
        return (self.kind, self.pk, self.facts.get("report", False))


def _url(name, kwargs, fallback):
    # The Raumbörse and Kooperationsbörse pages are built beside this app; until their
    # detail pages exist, their lists are the best address.
    try:
        return absolute_url(reverse(name, kwargs=kwargs))
    except NoReverseMatch:
        try:
            return absolute_url(reverse(fallback))
        except NoReverseMatch:
            return absolute_url("/")


# Loading --------------------------------------------------------------------------------


def load_members(since, until):
    profiles = (
        Profile.objects.listed()
        .filter(published_at__gt=since, published_at__lte=until)
        .select_related("municipality")
        .only("pk", "name", "slug", "published_at", "municipality__name")
    )
    return [
        Item(
            p.published_at,
            p.name,
            absolute_url(p.get_absolute_url()),
            detail=p.municipality.name,
            pk=p.pk,
        )
        for p in profiles
    ]


def load_news(since, until):
    items = []
    news = (
        NewsItem.objects.published(until)
        .filter(publish_at__gt=since)
        .select_related("association")
        .prefetch_related("submarkets")
        .only("pk", "title", "slug", "publish_at", "association__slug", "association__short_name")
    )
    for article in news:
        items.append(
            Item(
                article.publish_at,
                article.title,
                absolute_url(article.get_absolute_url()),
                detail=article.association.short_name,
                pk=article.pk,
                facts={
                    "report": False,
                    "associations": {article.association.slug},
                    "submarkets": {s.slug for s in article.submarkets.all()},
                },
            )
        )
    reports = (
        SuccessReport.objects.approved()
        .filter(published_at__gt=since, published_at__lte=until)
        .select_related("profile__association")
        .prefetch_related("profile__disciplines__submarket")
    )
    for report in reports:
        profile = report.profile
        items.append(
            Item(
                report.published_at,
                report.title,
                absolute_url(report.get_absolute_url()),
                detail=profile.name,
                pk=report.pk,
                facts={
                    "report": True,
                    "associations": {profile.association.slug} if profile.association_id else set(),
                    "submarkets": {d.submarket.slug for d in profile.disciplines.all()},
                },
            )
        )
    return items


def load_events(since, until):
    events = (
        Event.objects.published()
        .filter(created_at__gt=since, created_at__lte=until, ends_at__gt=until)
        .select_related("association")
        .only(
            "pk",
            "title",
            "slug",
            "kind",
            "created_at",
            "starts_at",
            "association__slug",
        )
    )
    return [
        Item(
            event.created_at,
            event.title,
            absolute_url(event.get_absolute_url()),
            pk=event.pk,
            facts={
                "association": event.association.slug,
                "kind": event.kind,
                "starts_at": event.starts_at,
            },
        )
        for event in events
    ]


def load_spaces(since, until):
    listings = (
        Listing.objects.available()
        .filter(published_at__gt=since, published_at__lte=until)
        .select_related("municipality__district")
    )
    return [
        Item(
            listing.published_at,
            listing.title,
            _url("raeume:detail", {"pk": listing.pk}, "raeume:list"),
            # Lazy: the mail renders it in the subscriber's language.
            detail=format_lazy(
                "{}, {}", Listing.SpaceKind(listing.space_kind).label, listing.municipality.name
            ),
            pk=listing.pk,
            facts={
                "type": listing.listing_type,
                "space_kind": listing.space_kind,
                "district": listing.municipality.district.slug,
                "size": listing.size_m2,
                "price": listing.price,
                "price_unit": listing.price_unit,
            },
        )
        for listing in listings
    ]


def load_calls(since, until):
    calls = (
        Call.objects.public()
        .filter(published_at__gt=since, published_at__lte=until)
        .select_related("municipality")
        .prefetch_related("submarkets")
    )
    return [
        Item(
            call.published_at,
            call.title,
            _url("kooperationen:detail", {"pk": call.pk}, "kooperationen:list"),
            detail=call.municipality.name
            if call.municipality_id
            else gettext_lazy("all of Saxony"),
            pk=call.pk,
            facts={"submarkets": {s.slug for s in call.submarkets.all()}},
        )
        for call in calls
    ]


LOADERS = {
    Kind.MEMBERS: load_members,
    Kind.NEWS: load_news,
    Kind.EVENTS: load_events,
    Kind.SPACES: load_spaces,
    Kind.CALLS: load_calls,
}


# Matching -------------------------------------------------------------------------------


def _news_matches(criteria, item, state_slugs):
    facts = item.facts
    if facts["report"] and not criteria.get("erfolge", True):
        return False
    association = criteria.get("verband")
    # The Landesverband speaks for every member: its alert has all success reports.
    if (
        association
        and association not in facts["associations"]
        and not (facts["report"] and association in state_slugs)
    ):
        return False
    submarket = criteria.get("teilmarkt")
    return not submarket or submarket in facts["submarkets"]


def _state_slugs():
    return {a.slug for a in load_vocabulary().associations if a.is_state_association}


def _events_matches(criteria, item):
    association, kind = criteria.get("verband"), criteria.get("art")
    return (not association or item.facts["association"] == association) and (
        not kind or item.facts["kind"] == kind
    )


def _decimal(value):
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _spaces_matches(criteria, item):
    facts = item.facts
    if criteria.get("typ") and facts["type"] != criteria["typ"]:
        return False
    if criteria.get("raumart") and facts["space_kind"] != criteria["raumart"]:
        return False
    if criteria.get("kreise") and facts["district"] not in criteria["kreise"]:
        return False
    if facts["type"] != Listing.ListingType.OFFER:
        # Size and price describe the space offered; a request states its own.
        return True
    smallest = criteria.get("flaeche_min")
    if smallest and facts["size"] is not None and facts["size"] < smallest:
        return False
    highest = _decimal(criteria.get("preis_max")) if criteria.get("preis_max") else None
    if highest is not None:
        unit = facts["price_unit"]
        if unit == Listing.PriceUnit.DAY:
            return False
        if unit == Listing.PriceUnit.MONTH and facts["price"] is not None:
            return facts["price"] <= highest
    return True


def _calls_matches(criteria, item):
    wanted = set(criteria.get("teilmaerkte") or ())
    return not wanted or bool(wanted & item.facts["submarkets"])


PYTHON_MATCHERS = {
    Kind.EVENTS: _events_matches,
    Kind.SPACES: _spaces_matches,
    Kind.CALLS: _calls_matches,
}


class Matcher:
    """The new items of one kind and which of them each subscription wants."""

    def __init__(self, kind, items):
        self.kind = kind
        self.items = sorted(items, key=lambda item: (item.published_at, item.pk))
        self._member_sets = {}
        self._state_slugs = None

    def for_subscription(self, subscription):
        mark = subscription.sent_until
        fresh = [item for item in self.items if mark is None or item.published_at > mark]
        if not fresh:
            return []
        criteria = subscription.criteria or {}
        if self.kind == Kind.MEMBERS:
            wanted = self._members(criteria.get("query", ""))
            return [item for item in fresh if item.pk in wanted]
        if self.kind == Kind.NEWS:
            if self._state_slugs is None:
                self._state_slugs = _state_slugs()
            return [item for item in fresh if _news_matches(criteria, item, self._state_slugs)]
        matches = PYTHON_MATCHERS[self.kind]
        return [item for item in fresh if matches(criteria, item)]

    def _members(self, query):
        """The new profiles in the filter state `query`: one query per distinct state."""
        if query not in self._member_sets:
            filterset, _values = parse_directory_query(query)
            ids = [item.pk for item in self.items]
            self._member_sets[query] = set(
                filterset.qs.filter(pk__in=ids).order_by().values_list("pk", flat=True)
            )
        return self._member_sets[query]


def load(kind, since, until) -> Matcher:
    items = LOADERS[kind](since, until)
    for item in items:
        item.kind = kind
    return Matcher(kind, items)


# Describing -----------------------------------------------------------------------------


def describe(subscription) -> str:
    """The criteria in words, for the manage page and the mails ("Fotografie, Leipzig")."""
    criteria = subscription.criteria or {}
    vocabulary = load_vocabulary()
    parts = []

    def named(kind, slug):
        item = vocabulary.by_slug(kind).get(slug)
        if item is None:
            return slug
        return VOCABULARY_FILTERS.get(
            {
                "associations": "verband",
                "districts": "kreis",
                "municipalities": "ort",
                "submarkets": "teilmarkt",
                "disciplines": "disziplin",
            }[kind]
        )[1](item)

    kind = subscription.kind
    if kind == Kind.MEMBERS:
        _filterset, values = parse_directory_query(criteria.get("query", ""))
        for name, value in values.items():
            if name in VOCABULARY_FILTERS:
                parts.append(VOCABULARY_FILTERS[name][1](value))
            elif name == "q":
                parts.append(f"„{value}“")
            elif name == "art":
                parts.append(Profile.Kind(value).label)
            elif name == "auftraege":
                parts.append(_("Open for commissions"))
            elif name == "kooperation":
                parts.append(_("Looking for cooperation"))
    elif kind == Kind.NEWS:
        if criteria.get("verband"):
            parts.append(named("associations", criteria["verband"]))
        if criteria.get("teilmarkt"):
            parts.append(named("submarkets", criteria["teilmarkt"]))
        if not criteria.get("erfolge", True):
            parts.append(_("without success reports"))
    elif kind == Kind.EVENTS:
        if criteria.get("verband"):
            parts.append(named("associations", criteria["verband"]))
        if criteria.get("art") in Event.Kind.values:
            parts.append(Event.Kind(criteria["art"]).label)
    elif kind == Kind.SPACES:
        if criteria.get("typ") in Listing.ListingType.values:
            parts.append(Listing.ListingType(criteria["typ"]).label)
        if criteria.get("raumart") in Listing.SpaceKind.values:
            parts.append(Listing.SpaceKind(criteria["raumart"]).label)
        parts.extend(named("districts", slug) for slug in criteria.get("kreise") or ())
        if criteria.get("flaeche_min"):
            parts.append(_("at least %(size)s m²") % {"size": criteria["flaeche_min"]})
        if criteria.get("preis_max"):
            parts.append(_("at most %(price)s € per month") % {"price": criteria["preis_max"]})
    elif kind == Kind.CALLS:
        parts.extend(named("submarkets", slug) for slug in criteria.get("teilmaerkte") or ())
    return ", ".join(str(part) for part in parts) or _("all")
