from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MitgliederConfig(AppConfig):
    name = "mitglieder"
    verbose_name = _("Members")

    def ready(self):
        # Connects the search index, rendition and file cleanup receivers.
        from mitglieder import signals  # noqa: F401
