"""What a widget lists: a few members, events or news of its association, as plain items
with absolute links to the full pages (the widget lives on another website)."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import formats, timezone

from aktuelles.models import NewsItem
from kern.site_url import absolute_url
from mitglieder.models import Profile
from veranstaltungen.models import Event


@dataclass(frozen=True)
class Item:
    title: str
    url: str
    detail: str = ""
    when: str = ""


def _in_association(queryset, association):
    # The Landesverband's widget shows the whole state.
    return queryset if association.is_state_association else queryset.in_association(association)


def _association_filter(association):
    return {} if association.is_state_association else {"verband": association.slug}


def _date(moment):
    return formats.date_format(timezone.localtime(moment), "SHORT_DATE_FORMAT")


def widget_items(widget) -> list[Item]:
    kind, count, association = widget.kind, widget.item_count, widget.association
    if kind in (widget.Kind.MEMBERS, widget.Kind.SUBMARKET):
        profiles = _in_association(Profile.objects.listed(), association)
        if kind == widget.Kind.SUBMARKET and widget.submarket is not None:
            profiles = profiles.in_submarket(widget.submarket)
        rows = (
            profiles.only("name", "slug", "tagline", "municipality__name")
            .select_related("municipality")
            .order_by("-published_at", "-pk")[:count]
        )
        return [
            Item(p.name, absolute_url(p.get_absolute_url()), p.tagline, p.municipality.name)
            for p in rows
        ]
    if kind == widget.Kind.EVENTS:
        rows = _in_association(Event.objects.upcoming(), association)[:count]
        return [
            Item(e.title, absolute_url(e.get_absolute_url()), e.place_line, _date(e.starts_at))
            for e in rows
        ]
    rows = _in_association(NewsItem.objects.published(), association).order_by(
        "-publish_at", "-pk"
    )[:count]
    return [
        Item(n.title, absolute_url(n.get_absolute_url()), n.teaser, _date(n.publish_at))
        for n in rows
    ]


LIST_PAGES = {
    "members": "verzeichnis:directory",
    "submarket": "verzeichnis:directory",
    "events": "veranstaltungen:upcoming",
    "news": "aktuelles:index",
}


def more_url(widget) -> str:
    """The full list on the site that the widget is an excerpt of, with its filters."""
    query = _association_filter(widget.association)
    if widget.kind == widget.Kind.SUBMARKET and widget.submarket is not None:
        query["teilmarkt"] = widget.submarket.slug
    address = reverse(LIST_PAGES[widget.kind])
    return absolute_url(f"{address}?{urlencode(query)}" if query else address)
