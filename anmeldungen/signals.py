"""Receivers that only notice (docs/architecture.md): the work is in anmeldungen.services."""

from django.db import transaction

from anmeldungen import services
from kern.page_cache import content_changed

REGISTRATION_MODELS = {"RegistrationSettings", "Registration"}


def registrations_changed(sender, **kwargs):
    # The event page shows whether registration is open and how many places are left.
    if sender._meta.app_label == "anmeldungen" and sender.__name__ in REGISTRATION_MODELS:
        content_changed()


def event_saved(sender, instance, created, raw=False, **kwargs):
    if created or raw:
        return
    event_id = instance.pk
    transaction.on_commit(lambda: services.event_changed(event_id))
