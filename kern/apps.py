from django.apps import AppConfig
from django.db.models import fields
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _

from kern.choices import BLANK_CHOICE_LABEL

# The empty choice of every select (see kern.choices). Set when the app registry imports this
# module, before any app's ready(): the admin's ready() imports forms whose model choices
# take the label as the class is built.
fields.BLANK_CHOICE_LABEL = BLANK_CHOICE_LABEL

# Apps (by label) whose rows the public pages show; any write to them invalidates cached
# pages.
PUBLIC_CONTENT_APPS = frozenset(
    {
        "mitglieder",
        "aktuelles",
        "veranstaltungen",
        "verbaende",
        "sparten",
        "seiten",
        "raeume",
        "kooperationen",
    }
)


def _public_content_changed(sender, **kwargs):
    from kern.page_cache import content_changed

    if sender._meta.app_label in PUBLIC_CONTENT_APPS:
        content_changed()


class KernConfig(AppConfig):
    name = "kern"
    verbose_name = _("Site")

    def ready(self):
        # Connected for every sender and filtered by app, so a model added to one of these
        # apps later is covered without anyone remembering to register it.
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(_public_content_changed, dispatch_uid=f"page-cache:{signal!r}")
