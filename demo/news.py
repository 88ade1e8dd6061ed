"""Demo news and success reports for `seed_demo`: deterministic, dated relative to today,
in German. All facts are invented."""

import datetime
import random
from typing import NamedTuple

from django.core.files.base import ContentFile
from django.utils import timezone

from aktuelles.models import NewsItem, SuccessReport
from demo import data_files
from demo.placeholders import render_artwork
from mitglieder.models import Profile
from teilmaerkte.models import Submarket
from verbaende.models import Association


class DemoArticle(NamedTuple):
    association: str  # slug
    days_ago: int  # negative: scheduled
    submarkets: list  # slugs
    title: str
    teaser: str
    body: str


class DemoSuccess(NamedTuple):
    kind: SuccessReport.Kind
    title: str
    days_ago: int
    evidence_url: str
    description: str


_news = data_files.load("news")
NEWS = [
    DemoArticle(**article | {"body": data_files.markdown(article["body"])})
    for article in _news["articles"]
]
SUCCESSES = [
    DemoSuccess(**report | {"kind": SuccessReport.Kind(report["kind"])})
    for report in _news["success_reports"]
]
PENDING_SUCCESSES = 2


def create_demo_news(now=None, *, with_images=True):
    """Articles for every association (one scheduled), each with a placeholder picture."""
    now = now or timezone.now()
    associations = {a.slug: a for a in Association.objects.all()}
    submarkets = {s.slug: s for s in Submarket.objects.all()}
    created = []
    for index, demo in enumerate(NEWS):
        article = NewsItem(
            association=associations[demo.association],
            title=demo.title,
            teaser=demo.teaser,
            body=demo.body,
            status=NewsItem.Status.PUBLISHED,
            publish_at=now - datetime.timedelta(days=demo.days_ago, hours=index),
        )
        if with_images:
            colours = demo.submarkets[0] if demo.submarkets else "sonstige"
            article.image.save(
                f"demo-news-{index}.webp",
                ContentFile(render_artwork(colours, demo.title)),
                save=False,
            )
            article.image_alt = "Abstrakte Grafik aus Kreisen und Balken (Platzhalterbild)"
        article.save()
        article.submarkets.set([submarkets[s] for s in demo.submarkets if s in submarkets])
        created.append(article)
    return created


def create_demo_success_reports(seed=2026, now=None):
    """Approved reports on published profiles, and a few waiting in the moderation queue."""
    now = now or timezone.now()
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    profiles = list(Profile.objects.listed().order_by("pk")[:200])
    if not profiles:
        return []
    chosen = rng.sample(profiles, min(len(profiles), len(SUCCESSES) + PENDING_SUCCESSES))
    created = []
    for index, profile in enumerate(chosen):
        demo = SUCCESSES[index % len(SUCCESSES)]
        pending = index >= len(SUCCESSES)
        report = SuccessReport.objects.create(
            profile=profile,
            kind=demo.kind,
            title=demo.title,
            achieved_on=(now - datetime.timedelta(days=demo.days_ago + 3)).date(),
            evidence_url=demo.evidence_url,
            description=demo.description,
            status=SuccessReport.Status.PENDING if pending else SuccessReport.Status.APPROVED,
            published_at=None if pending else now - datetime.timedelta(days=demo.days_ago),
            submitted_by=profile.owners.first(),
        )
        created.append(report)
    return created
