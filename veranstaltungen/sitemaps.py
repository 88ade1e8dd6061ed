from kern.site_url import SiteSitemap
from veranstaltungen.models import Event


class EventSitemap(SiteSitemap):
    """Published events, past ones included: their pages stay up as a record."""

    i18n = True
    alternates = True

    def items(self):
        return Event.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, event):
        return event.updated_at
