from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EinlesenConfig(AppConfig):
    name = "einlesen"
    verbose_name = _("Member import")
