from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MedienConfig(AppConfig):
    """Images, safe uploads, renditions and file cleanup shared by every app with pictures."""

    name = "medien"
    verbose_name = _("Media")
