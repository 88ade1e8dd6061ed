from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EinbettenConfig(AppConfig):
    """Widgets that associations embed on their own websites, and the staff pages for them."""

    name = "einbetten"
    verbose_name = _("Embeds")
