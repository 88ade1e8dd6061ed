from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VerbaendeConfig(AppConfig):
    name = "verbaende"
    verbose_name = _("Associations and regions")
