from django.contrib import messages
from django.utils.translation import gettext_lazy as _

from postausgang.delivery import watch_failures

NOTIFICATION_FAILED = _("The notification could not be sent; it will be tried again.")


class FailedNotificationMiddleware:
    """Tells a staff member when a mail caused by their request failed inside the request.

    That happens only where tasks run in the request's own process (the immediate backend:
    development, tests, TASKS_BACKEND=immediate). With the database queue the request only
    stores the mail; the worker sends it later and retries a failure by itself, so there is
    nothing to tell at the time of the request: failed mails are listed in the outbox admin
    (superusers), with their attempts, last error and next attempt. Below MessageMiddleware
    and AuthenticationMiddleware, so the message is stored with the response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with watch_failures() as failed:
            response = self.get_response(request)
        user = getattr(request, "user", None)
        if failed and user is not None and user.is_staff:
            messages.warning(request, NOTIFICATION_FAILED, fail_silently=True)
        return response
