from django.urls import reverse

from aktuelles.models import NewsItem
from kern.site_url import SiteSitemap
from mitglieder.models import Profile
from seiten.models import Page
from teilmaerkte.models import Submarket
from veranstaltungen.sitemaps import EventSitemap
from verbaende.models import Association


class StaticViewSitemap(SiteSitemap):
    i18n = True
    alternates = True
    changefreq = "weekly"

    def items(self):
        return [
            "home",
            "verzeichnis:directory",
            "teilmaerkte:index",
            "aktuelles:index",
            "veranstaltungen:upcoming",
            "veranstaltungen:past",
            "karte:map",
            "statistik:index",
        ]

    def location(self, item):
        return reverse(item)


class AssociationSitemap(SiteSitemap):
    i18n = True
    alternates = True

    def items(self):
        return Association.objects.order_by("pk")


class SubmarketSitemap(SiteSitemap):
    i18n = True
    alternates = True

    def items(self):
        return Submarket.objects.order_by("pk")


class PageSitemap(SiteSitemap):
    i18n = True
    alternates = True

    def items(self):
        return Page.objects.order_by("pk")

    def lastmod(self, page):
        return page.updated_at


class ProfileSitemap(SiteSitemap):
    """Published profiles only; Django paginates the sitemap beyond 50 000 entries."""

    i18n = True
    alternates = True

    def items(self):
        return Profile.objects.listed().only("slug", "updated_at").order_by("pk")

    def lastmod(self, profile):
        return profile.updated_at


class NewsSitemap(SiteSitemap):
    i18n = True
    alternates = True

    def items(self):
        return NewsItem.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, article):
        return article.updated_at


SITEMAPS = {
    "seiten": StaticViewSitemap,
    "verbaende": AssociationSitemap,
    "teilmaerkte": SubmarketSitemap,
    "rechtliches": PageSitemap,
    "mitglieder": ProfileSitemap,
    "aktuelles": NewsSitemap,
    "veranstaltungen": EventSitemap,
}
