from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BeratungConfig(AppConfig):
    name = "beratung"
    verbose_name = _("Consultations")

    def ready(self):
        from beratung import signals  # noqa: F401
