from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RaeumeConfig(AppConfig):
    name = "raeume"
    verbose_name = _("Space exchange")

    def ready(self):
        from kern.page_cache import register_clock
        from raeume import photos, signals
        from raeume.clock import next_expiry

        photos.connect()
        signals.connect()
        register_clock(next_expiry)
