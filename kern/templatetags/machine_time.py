"""`{{ moment|machine_time }}`: the value of a `<time datetime>` attribute.

One format everywhere, as the HTML standard reads it: a date as 2026-05-14, a moment in local
time to the second with its offset, 2026-05-14T19:30:00+02:00. Never microseconds, which the
standard does not allow there.
"""

import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def machine_time(value):
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return ""
