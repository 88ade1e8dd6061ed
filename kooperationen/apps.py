from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KooperationenConfig(AppConfig):
    name = "kooperationen"
    verbose_name = _("Cooperation exchange")
