from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpartenConfig(AppConfig):
    name = "sparten"
    verbose_name = _("Disciplines")
