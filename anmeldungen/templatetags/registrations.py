"""Registration on the event page: veranstaltungen shows it without knowing this app."""

from django import template

from anmeldungen.forms import RegistrationForm
from anmeldungen.models import RegistrationSettings
from anmeldungen.services import closed_reason, places_left

register = template.Library()


@register.simple_tag
def registration_panel(event, form=None):
    """`{% registration_panel event as registration %}`: None when the event takes no
    registrations here; else the settings and, while open, the places left and the form
    (`form` with errors from a failed post), or why it is closed."""
    registration_settings = RegistrationSettings.objects.filter(event=event.pk).first()
    if registration_settings is None:
        return None
    registration_settings.event = event
    reason = closed_reason(event, registration_settings)
    if reason:
        return {"settings": registration_settings, "closed": reason}
    left = places_left(registration_settings)
    return {
        "settings": registration_settings,
        "closed": None,
        "places_left": left,
        "full": left == 0,
        "form": form or RegistrationForm(registration_settings=registration_settings),
    }
