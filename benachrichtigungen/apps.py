from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenachrichtigungenConfig(AppConfig):
    name = "benachrichtigungen"
    verbose_name = _("Alerts")
