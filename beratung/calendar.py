"""The .ics file sent with a booking (and with its cancellation): one appointment.

Written like the event calendars (veranstaltungen/calendar.py): the Europe/Berlin zone
first, text without control characters. A cancellation sends the same UID with a higher
SEQUENCE and STATUS:CANCELLED, which calendar programs take as the appointment's removal.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from kern.text import strip_control_characters

PRODID = "-//Kreativ Sachsen//Beratung//DE"
UID_DOMAIN = "kreativ-sachsen.de"
ZONE = ZoneInfo(settings.TIME_ZONE)


def booking_uid(booking) -> str:
    return f"beratung-{booking.pk}@{UID_DOMAIN}"


def _text(value):
    return strip_control_characters(str(value))


def location(slot) -> str:
    """Where the consultation happens, in one line."""
    if slot.mode == slot.Mode.IN_PERSON:
        return slot.address
    if slot.mode == slot.Mode.PHONE:
        return _("By phone: the advisor calls you.")
    return _("Online: you receive the access link by e-mail before the appointment.")


def booking_calendar(booking) -> str:
    slot = booking.slot
    cancelled = booking.status == booking.Status.CANCELLED
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    year = timezone.localtime(slot.starts_at, ZONE).year
    calendar.add_component(
        icalendar.Timezone.from_tzid(
            settings.TIME_ZONE, first_date=dt.date(year, 1, 1), last_date=dt.date(year + 1, 1, 1)
        )
    )
    event = icalendar.Event()
    event.add("uid", booking_uid(booking))
    event.add("dtstamp", timezone.now())
    event.add("sequence", 1 if cancelled else 0)
    event.add("dtstart", timezone.localtime(slot.starts_at, ZONE))
    event.add("dtend", timezone.localtime(slot.ends_at, ZONE))
    summary = _("Consultation with %(advisor)s (%(association)s)") % {
        "advisor": slot.advisor.name,
        "association": slot.association.short_name,
    }
    if cancelled:
        summary = _("Cancelled: %(title)s") % {"title": summary}
    event.add("summary", _text(summary))
    event.add("location", _text(location(slot)))
    lines = [str(slot.get_mode_display())]
    if slot.accessibility_note:
        lines.append(slot.accessibility_note)
    event.add("description", _text("\n".join(lines)))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("class", "PRIVATE")
    calendar.add_component(event)
    return calendar.to_ical().decode()
