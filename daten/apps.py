from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DatenConfig(AppConfig):
    """The public directory as open data: downloads, a read-only JSON API, its description."""

    name = "daten"
    verbose_name = _("Open data")
