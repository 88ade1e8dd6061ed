"""The news stream: the associations' articles and members' approved success reports in
one list, newest first, filterable by association and Teilmarkt.

Both kinds are selected in one UNION query of (kind, id, date) rows, so ordering and paging
happen in the database however many entries there are; only the page's rows are then
loaded, one query per kind. Which entries belong to an association's stream:

- a regional association: its own articles and its members' success reports;
- the Landesverband: its own articles and every member's success reports, since it speaks
  for all of them.
"""

from dataclasses import dataclass

from django.db.models import CharField, F, Value

from aktuelles.models import NewsItem, SuccessReport

NEWS = "news"
SUCCESS = "success"


def news_in(association=None, submarket=None, now=None):
    news = NewsItem.objects.published(now)
    if association is not None:
        news = news.in_association(association)
    if submarket is not None:
        news = news.in_submarket(submarket)
    return news


def success_reports_in(association=None, submarket=None):
    reports = SuccessReport.objects.approved()
    if association is not None:
        reports = reports.in_association(association)
    if submarket is not None:
        reports = reports.in_submarket(submarket)
    return reports


@dataclass
class Entry:
    """One item of the stream, whatever its kind, as lists and feeds show it."""

    kind: str
    item: object

    @property
    def is_news(self):
        return self.kind == NEWS

    @property
    def date(self):
        return self.item.publish_at if self.is_news else self.item.published_at

    @property
    def title(self):
        return self.item.title

    @property
    def url(self):
        return self.item.get_absolute_url()

    @property
    def summary(self):
        return self.item.teaser if self.is_news else self.item.description

    @property
    def association(self):
        return self.item.association if self.is_news else self.item.profile.association

    @property
    def image_renditions(self):
        return self.item.image_renditions

    @property
    def image_alt(self):
        return self.item.image_alt


class Stream:
    """The entries of one filter state; `rows()` is sliceable, so a Paginator can page it."""

    def __init__(self, association=None, submarket=None, now=None):
        self.association = association
        self.submarket = submarket
        self.now = now

    def rows(self):
        def keyed(queryset, kind, date_field):
            return (
                queryset.order_by()
                .annotate(entry_kind=Value(kind, output_field=CharField()))
                .annotate(entry_date=F(date_field))
                .values_list("entry_kind", "pk", "entry_date")
            )

        news = keyed(news_in(self.association, self.submarket, self.now), NEWS, "publish_at")
        reports = keyed(
            success_reports_in(self.association, self.submarket), SUCCESS, "published_at"
        )
        # Ties on the date are broken by kind and id, so pages never overlap.
        return news.union(reports, all=True).order_by("-entry_date", "entry_kind", "-pk")

    def latest(self, count):
        return load_entries(self.rows()[:count])


def load_entries(rows):
    """Turn (kind, id, date) rows into Entries, two queries at most, keeping the order."""
    rows = list(rows)
    news_ids = [pk for kind, pk, _date in rows if kind == NEWS]
    report_ids = [pk for kind, pk, _date in rows if kind == SUCCESS]
    news = (
        NewsItem.objects.filter(pk__in=news_ids).select_related("association").in_bulk()
        if news_ids
        else {}
    )
    reports = (
        SuccessReport.objects.filter(pk__in=report_ids)
        .select_related("profile__association", "profile__municipality")
        .in_bulk()
        if report_ids
        else {}
    )
    entries = []
    for kind, pk, _date in rows:
        item = (news if kind == NEWS else reports).get(pk)
        if item is not None:  # deleted between the two queries
            entries.append(Entry(kind, item))
    return entries
