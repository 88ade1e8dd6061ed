from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from aktuelles.models import NewsItem
from mitglieder.models import Profile
from seiten.models import Page
from teilmaerkte.models import Submarket
from veranstaltungen.sitemaps import EventSitemap
from verbaende.models import Association


class StaticViewSitemap(Sitemap):
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
        ]

    def location(self, item):
        return reverse(item)


class AssociationSitemap(Sitemap):
    i18n = True
    alternates = True

    def items(self):
        return Association.objects.order_by("pk")


class SubmarketSitemap(Sitemap):
    i18n = True
    alternates = True

    def items(self):
        return Submarket.objects.order_by("pk")


class PageSitemap(Sitemap):
    i18n = True
    alternates = True

    def items(self):
        return Page.objects.order_by("pk")

    def lastmod(self, page):
        return page.updated_at


class ProfileSitemap(Sitemap):
    """Published profiles only; Django paginates the sitemap beyond 50 000 entries."""

    i18n = True
    alternates = True

    def items(self):
        return Profile.objects.listed().only("slug", "updated_at").order_by("pk")

    def lastmod(self, profile):
        return profile.updated_at


class NewsSitemap(Sitemap):
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
