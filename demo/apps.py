from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo profiles, news, events and staff logins for development and tests."""

    name = "demo"
    verbose_name = _("Demo content")
