from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MitgliederConfig(AppConfig):
    name = "mitglieder"
    verbose_name = _("Members")

    def ready(self):
        import mitglieder.file_cleanup  # noqa: F401 - deletes files nobody refers to
        from mitglieder import signals  # noqa: F401 - connects the search index receivers
