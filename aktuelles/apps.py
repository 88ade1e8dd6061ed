from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def next_scheduled_article(now):
    """When the next scheduled article appears on its own."""
    from aktuelles.models import NewsItem

    return (
        NewsItem.objects.filter(status=NewsItem.Status.PUBLISHED, publish_at__gt=now)
        .order_by("publish_at")
        .values_list("publish_at", flat=True)
        .first()
    )


class AktuellesConfig(AppConfig):
    name = "aktuelles"
    verbose_name = _("News and success reports")

    def ready(self):
        from aktuelles import signals  # noqa: F401
        from kern.page_cache import register_clock

        register_clock(next_scheduled_article)
