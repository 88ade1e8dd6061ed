"""Date and time ranges of events, written the way German readers expect them:
"Donnerstag, 12. Juni 2025, 18:00 bis 20:00 Uhr"."""

from django import template
from django.utils import dateformat, timezone
from django.utils.formats import number_format
from django.utils.translation import gettext, pgettext

register = template.Library()


def _formats(long):
    if long:
        day = pgettext("event date format with weekday", "l, j F Y")
    else:
        day = pgettext("short event date format with weekday", "D j M Y")
    return day, pgettext("event time format", "H:i")


@register.filter
def event_period(event, style="long"):
    """The event's start and end in the site's time zone; `style` "short" for lists."""
    start = timezone.localtime(event.starts_at)
    end = timezone.localtime(event.ends_at)
    day, time = _formats(style != "short")
    if start.date() == end.date():
        return gettext("%(date)s, %(start)s–%(end)s") % {  # noqa: RUF001 - an en dash
            "date": dateformat.format(start, day),
            "start": dateformat.format(start, time),
            "end": dateformat.format(end, time),
        }
    return gettext("%(start_date)s, %(start)s – %(end_date)s, %(end)s") % {  # noqa: RUF001
        "start_date": dateformat.format(start, day),
        "start": dateformat.format(start, time),
        "end_date": dateformat.format(end, day),
        "end": dateformat.format(end, time),
    }


@register.filter
def event_price(event):
    """ "Free of charge" for 0, "12 €" or "12,50 €" otherwise; empty if no price is set."""
    if event.price is None:
        return ""
    if event.price == 0:
        return gettext("Free of charge")
    whole = event.price == event.price.to_integral_value()
    amount = number_format(event.price, decimal_pos=0 if whole else 2, use_l10n=True)
    return gettext("%(amount)s €") % {"amount": amount}
