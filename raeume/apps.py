from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RaeumeConfig(AppConfig):
    name = "raeume"
    verbose_name = _("Space exchange")
