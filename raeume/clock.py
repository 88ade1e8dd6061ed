"""Listings leave the public pages when their expiry day has passed: cached pages must not
outlive the day (kern.page_cache.register_clock)."""

import datetime

from django.utils import timezone


def next_expiry(now):
    """The next local midnight, when yesterday's last day of listings is over."""
    local = timezone.localtime(now)
    midnight = datetime.datetime.combine(
        local.date() + datetime.timedelta(days=1), datetime.time.min, tzinfo=local.tzinfo
    )
    return midnight
