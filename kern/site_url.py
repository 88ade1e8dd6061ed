"""Absolute addresses built from SITE_URL, never from the request's Host header.

The Host header is whatever the client sent: a name we do not serve makes get_host() raise
DisallowedHost (also while the 400 page for that very error renders), and an alias or an
IP address we do serve would end up in canonical links, feeds and caches. One configured
address avoids both.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap


def absolute_url(location: str) -> str:
    """`location` (a path such as "/mitglieder/x/") on the configured site; a URL that is
    absolute already (media on a CDN) is returned unchanged."""
    parts = urlsplit(location)
    if parts.scheme:
        return location
    if parts.netloc:  # protocol-relative: //cdn.example/...
        return f"{urlsplit(settings.SITE_URL).scheme}:{location}"
    return settings.SITE_URL + location


def site_domain() -> str:
    """SITE_URL without its scheme, for APIs that put "protocol://domain" together."""
    return settings.SITE_URL.split("://", 1)[-1]


def site_protocol() -> str:
    return urlsplit(settings.SITE_URL).scheme


class SiteSitemap(Sitemap):
    """A sitemap whose locations start with SITE_URL, whichever host the crawler asked."""

    def get_protocol(self, protocol=None):
        return site_protocol()

    def get_domain(self, site=None):
        return site_domain()
