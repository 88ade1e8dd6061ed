from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KarteConfig(AppConfig):
    """The map of creative Saxony: members per district, drawn by the site itself."""

    name = "karte"
    verbose_name = _("Map")
