from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def next_deadline(now):
    """When the next open registration closes: the event page's form must go then."""
    from anmeldungen.models import RegistrationSettings

    return RegistrationSettings.objects.next_closing(now)


class AnmeldungenConfig(AppConfig):
    name = "anmeldungen"
    verbose_name = _("Event registrations")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from anmeldungen import signals
        from kern.page_cache import register_clock

        register_clock(next_deadline)
        # The event page shows the places left: every change to registrations shows there.
        for signal in (post_save, post_delete):
            signal.connect(signals.registrations_changed, dispatch_uid=f"anmeldungen:{signal!r}")
        post_save.connect(
            signals.event_saved, sender="veranstaltungen.Event", dispatch_uid="anmeldungen:event"
        )
