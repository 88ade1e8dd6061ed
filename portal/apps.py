from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """Pages that combine several apps: home, association and Teilmarkt pages, sitemaps."""

    name = "portal"
    verbose_name = _("Portal")
