"""Deploy checks (`manage.py check --deploy`; bin/start-production refuses to start on one)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.http.request import validate_host


@register(Tags.security, deploy=True)
def site_url_is_the_public_https_address(app_configs, **kwargs):
    """Canonical links, sitemaps, feeds' JSON-LD and e-mails name SITE_URL (kern.site_url),
    never the Host header: left at its development default, every page would call
    http://127.0.0.1:8000 its canonical address."""
    address = urlsplit(settings.SITE_URL)
    if address.scheme == "https" and validate_host(address.hostname or "", settings.ALLOWED_HOSTS):
        return []
    return [
        Warning(
            f"SITE_URL={settings.SITE_URL!r} is not an https:// address of a host in "
            "ALLOWED_HOSTS.",
            hint="Set SITE_URL to the site's public address, e.g. https://kreatives-sachsen.example.",
            id="betrieb.W001",
        )
    ]
