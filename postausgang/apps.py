from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PostausgangConfig(AppConfig):
    """The outbox: every e-mail the site sends is stored first, then delivered by a
    background task after the commit of the decision that caused it; failures are retried
    by the task and, as a safety net, by `manage.py send_queued_mail`."""

    name = "postausgang"
    verbose_name = _("Outbox")
