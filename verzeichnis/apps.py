from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VerzeichnisConfig(AppConfig):
    """The public directory: filters, search, facet counts and the vocabulary."""

    name = "verzeichnis"
    verbose_name = _("Directory")

    def ready(self):
        # Connects the receivers that tell every process to reload the vocabulary, and
        # those that keep the facet counters current.
        from verzeichnis import signals, vocabulary  # noqa: F401
