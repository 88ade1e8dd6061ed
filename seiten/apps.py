from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeitenConfig(AppConfig):
    name = "seiten"
    verbose_name = _("Pages")
