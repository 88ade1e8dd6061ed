from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KontenConfig(AppConfig):
    name = "konten"
    # The app's name in the database (tables, migrations, content types, permissions and
    # AUTH_USER_MODEL "accounts.User") from before the folder was renamed; kept so existing
    # databases and backups stay valid.
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        # Connects the receiver that gives back a login's count to the per-client limit;
        # imported here so it is connected before the first login, not when a backend
        # happens to be loaded.
        from konten import login_throttle  # noqa: F401
