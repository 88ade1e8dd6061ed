"""iCalendar (RFC 5545) files: one event to download, and feeds to subscribe to."""

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from kern.text import strip_control_characters

PRODID = "-//Kreativ Sachsen//Veranstaltungen//DE"
UID_DOMAIN = "kreativ-sachsen.de"
# How far back a feed reaches: calendar programs drop events that vanish from a feed, and
# members like to look up the workshop of last spring.
FEED_HISTORY_DAYS = 180
# Subscribed calendars ask again after this long.
REFRESH_INTERVAL = dt.timedelta(hours=6)
ZONE = ZoneInfo(settings.TIME_ZONE)


def event_uid(event) -> str:
    return f"{event.uid}@{UID_DOMAIN}"


def feed_events(queryset, now=None):
    """The events a feed carries: published, upcoming and those of the last 180 days."""
    now = now or timezone.now()
    return (
        queryset.published()
        .filter(ends_at__gte=now - dt.timedelta(days=FEED_HISTORY_DAYS))
        .select_related("association")
        .order_by("starts_at", "pk")
    )


def build_calendar(events, *, name, absolute_url) -> bytes:
    """The calendar file for `events`; absolute_url(path) makes links absolute."""
    events = list(events)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _text(name))
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    # Outlook's older name for the same; an X- property is text unless typed explicitly.
    calendar.add("x-published-ttl", icalendar.vDuration(REFRESH_INTERVAL))
    # The zone comes first so that a reader meets it before the events that refer to it.
    calendar.add_component(_timezone(events))
    stamp = timezone.now()
    for event in events:
        calendar.add_component(_vevent(event, stamp, absolute_url))
    return calendar.to_ical()


def _timezone(events):
    """Europe/Berlin with the transitions of every year the events touch.

    Always present: an empty feed is then still a valid calendar (RFC 5545 wants at least
    one component), and a client never has to guess the zone.
    """
    today = timezone.localdate()
    years = [today.year]
    years += [timezone.localtime(event.starts_at, ZONE).year for event in events]
    years += [timezone.localtime(event.ends_at, ZONE).year for event in events]
    return icalendar.Timezone.from_tzid(
        settings.TIME_ZONE,
        first_date=dt.date(min(years), 1, 1),
        last_date=dt.date(max(years) + 1, 1, 1),
    )


def _vevent(event, stamp, absolute_url):
    url = absolute_url(event.get_absolute_url())
    vevent = icalendar.Event()
    vevent.add("uid", event_uid(event))
    vevent.add("dtstamp", stamp)
    vevent.add("created", event.created_at)
    vevent.add("last-modified", event.updated_at)
    vevent.add("sequence", event.sequence)
    vevent.add("dtstart", timezone.localtime(event.starts_at, ZONE))
    vevent.add("dtend", timezone.localtime(event.ends_at, ZONE))
    summary = event.title
    if event.is_cancelled:
        # Many calendar programs ignore STATUS; the summary says it where everyone looks.
        summary = _("Cancelled: %(title)s") % {"title": event.title}
    vevent.add("summary", _text(summary))
    vevent.add("description", _text(_description(event, url)))
    vevent.add("location", _text(_location(event)))
    vevent.add("url", url)
    vevent.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    vevent.add("categories", [str(event.get_kind_display())])
    vevent.add("class", "PUBLIC")
    vevent.add("transp", "OPAQUE")
    return vevent


def _text(value):
    # iCalendar text allows no control characters; rows saved before the forms refused them
    # may still hold some (a name pasted with a vertical tab).
    return strip_control_characters(str(value))


def _location(event):
    if event.is_online:
        return _("Online: %(address)s") % {"address": event.online_url}
    return event.place_line


def _description(event, url):
    lines = [event.teaser, "", _("Organised by %(name)s") % {"name": event.association.short_name}]
    if event.registration_note:
        lines.append(event.registration_note)
    if event.registration_url:
        lines.append(_("Registration: %(url)s") % {"url": event.registration_url})
    lines += ["", _("Details: %(url)s") % {"url": url}]
    return "\n".join(lines)
