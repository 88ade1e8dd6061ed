from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TeilmaerkteConfig(AppConfig):
    """The 11 Teilmärkte + Sonstige of the official taxonomy and their finer disciplines."""

    name = "teilmaerkte"
    # The app's name in the database (tables, migrations, content types, permissions) from
    # before the folder was renamed; kept so existing databases and backups stay valid.
    label = "sparten"
    verbose_name = _("Submarkets and disciplines")
