from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KontaktConfig(AppConfig):
    """Messages to members without showing their addresses."""

    name = "kontakt"
    verbose_name = _("Contact relay")

    def ready(self):
        from kontakt import signals  # noqa: F401 - connects the image receivers
