from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def next_event_end(now):
    """When the next published event ends and leaves the upcoming lists."""
    from veranstaltungen.models import Event

    return (
        Event.objects.published()
        .filter(ends_at__gt=now)
        .order_by("ends_at")
        .values_list("ends_at", flat=True)
        .first()
    )


class VeranstaltungenConfig(AppConfig):
    name = "veranstaltungen"
    verbose_name = _("Events")

    def ready(self):
        from kern.page_cache import register_clock
        from veranstaltungen import signals  # noqa: F401 - connects the image receivers

        register_clock(next_event_end)
