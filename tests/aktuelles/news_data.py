"""Builders for news articles and success reports in the tests of the news stream."""

import datetime

from django.utils import timezone

from aktuelles.models import NewsItem, SuccessReport
from verbaende.models import Association


def article(association="chemnitz", *, days_ago=1, status=NewsItem.Status.PUBLISHED, **fields):
    fields.setdefault("title", f"Meldung aus {association} vor {days_ago} Tagen")
    fields.setdefault("teaser", "Kurz gesagt: Es gibt Neues aus der Kreativwirtschaft.")
    submarkets = fields.pop("submarkets", [])
    item = NewsItem.objects.create(
        association=Association.objects.get(slug=association),
        status=status,
        publish_at=timezone.now() - datetime.timedelta(days=days_ago),
        **fields,
    )
    item.submarkets.set(submarkets)
    return item


def success(profile, *, days_ago=1, status=SuccessReport.Status.APPROVED, **fields):
    fields.setdefault("title", f"Preis für {profile.name}")
    fields.setdefault("kind", SuccessReport.Kind.AWARD)
    fields.setdefault("evidence_url", "https://example.org/preis")
    published = timezone.now() - datetime.timedelta(days=days_ago)
    return SuccessReport.objects.create(
        profile=profile,
        achieved_on=published.date(),
        status=status,
        published_at=published if status == SuccessReport.Status.APPROVED else None,
        **fields,
    )
