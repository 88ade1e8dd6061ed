from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatistikConfig(AppConfig):
    """Statistics of the membership for advocacy: charts, tables, CSV and the Lagebild."""

    name = "statistik"
    verbose_name = _("Statistics")
