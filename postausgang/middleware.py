from django.contrib import messages
from django.utils.translation import gettext_lazy as _

from postausgang.outbox import watch_failures

NOTIFICATION_FAILED = _("The notification could not be sent; it will be tried again.")


class FailedNotificationMiddleware:
    """Tells a staff member when a mail caused by their request could not be sent (it
    waits in the outbox for `send_queued_mail`). Below MessageMiddleware and
    AuthenticationMiddleware, so the message is stored with the response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with watch_failures() as failed:
            response = self.get_response(request)
        user = getattr(request, "user", None)
        if failed and user is not None and user.is_staff:
            messages.warning(request, NOTIFICATION_FAILED, fail_silently=True)
        return response
