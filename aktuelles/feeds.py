"""RSS 2.0 and Atom feeds of the news stream: everything, per association, per Teilmarkt."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from aktuelles.stream import Stream
from kern.listing import query_string
from kern.text import strip_control_characters
from teilmaerkte.models import Submarket
from verbaende.models import Association

FEED_LENGTH = 30


def _without_control_characters(value):
    if isinstance(value, str):
        return strip_control_characters(value)
    if isinstance(value, dict):
        return {key: _without_control_characters(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_without_control_characters(item) for item in value)
    return value


class ControlCharacterFreeMixin:
    """XML forbids most control characters, and one in an old name or title made the feed
    answer 500 (UnserializableContentError). Forms refuse them now; this is the one place
    where feeds drop them from rows saved before, whichever attribute the text comes from."""

    def write(self, outfile, encoding):
        self.feed = _without_control_characters(self.feed)
        self.items = [_without_control_characters(item) for item in self.items]
        super().write(outfile, encoding)


class RssFeed(ControlCharacterFreeMixin, Rss201rev2Feed):
    pass


class AtomFeed(ControlCharacterFreeMixin, Atom1Feed):
    pass


class StreamFeed(Feed):
    """All news; subclasses narrow the stream down by the object in the URL."""

    feed_type = RssFeed

    def stream(self, obj):
        return Stream()

    def title(self, obj):
        return _("News from Saxony's creative industries") + " · Kreativ Sachsen"

    def description(self, obj):
        return _(
            "News of the Landesverband and the regional associations, and the successes "
            "of their members."
        )

    def link(self, obj):
        return reverse("aktuelles:index")

    def items(self, obj):
        return self.stream(obj).latest(FEED_LENGTH)

    def item_title(self, entry):
        if entry.is_news:
            return entry.title
        return f"{entry.item.profile.name}: {entry.title}"

    def item_description(self, entry):
        if entry.is_news:
            return entry.summary
        kind = entry.item.get_kind_display()
        return f"{kind}. {entry.summary}".strip()

    def item_link(self, entry):
        return entry.url

    def item_guid(self, entry):
        # Stable however titles or slugs change: the kind and the id.
        return f"kreativ-sachsen:{entry.kind}:{entry.item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, entry):
        return entry.date

    def item_updateddate(self, entry):
        return entry.item.updated_at

    def item_author_name(self, entry):
        return entry.association.short_name if entry.is_news else entry.item.profile.name

    def item_categories(self, entry):
        if entry.is_news:
            return [entry.association.short_name]
        return [_("Success report"), entry.item.get_kind_display()]


class AssociationFeed(StreamFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Association, slug=slug)

    def stream(self, association):
        return Stream(association=association)

    def title(self, association):
        return _("News of %(association)s") % {"association": association.short_name}

    def link(self, association):
        return reverse("aktuelles:index") + "?" + query_string({"verband": association.slug})


class SubmarketFeed(StreamFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Submarket, slug=slug)

    def stream(self, submarket):
        return Stream(submarket=submarket)

    def title(self, submarket):
        return _("News: %(submarket)s") % {"submarket": submarket.localized_name}

    def link(self, submarket):
        return reverse("aktuelles:index") + "?" + query_string({"teilmarkt": submarket.slug})


def atom(feed_class):
    """The same feed as Atom 1.0 (the description becomes the subtitle)."""
    return type(
        f"Atom{feed_class.__name__}",
        (feed_class,),
        {"feed_type": AtomFeed, "subtitle": feed_class.description},
    )
