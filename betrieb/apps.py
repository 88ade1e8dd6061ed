from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BetriebConfig(AppConfig):
    """Operations: health checks, backups, behaviour when the database is away."""

    name = "betrieb"
    verbose_name = _("Operations")

    def ready(self):
        from betrieb import checks  # noqa: F401 - registers the deploy checks
