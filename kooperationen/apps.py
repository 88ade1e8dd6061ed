import datetime

from django.apps import AppConfig
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def next_midnight(now):
    """Calls end with their deadline or expiry day: cached pages last until midnight."""
    tomorrow = timezone.localdate(now) + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time()))


class KooperationenConfig(AppConfig):
    name = "kooperationen"
    verbose_name = _("Cooperation exchange")

    def ready(self):
        from kern.page_cache import register_clock

        register_clock(next_midnight)
