"""Middleware for running the site behind a load balancer."""

from django.conf import settings
from django.http import HttpResponse

from betrieb.health import is_alive, is_ready
from betrieb.views import render_error_page

# The load balancer asks /healthz; monitoring asks /readyz (see betrieb.health).
PROBES = {"/healthz": is_alive, "/readyz": is_ready}


class HealthCheckMiddleware:
    """Answers /healthz and /readyz before anything else runs.

    Load balancers ask by IP address and over plain HTTP, so the check comes before the host
    validation and the HTTPS redirect. It says only "ok" or "unavailable": what failed goes
    to the log, not to whoever asks.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        probe = PROBES.get(request.path_info.rstrip("/"))
        if probe is None:
            return self.get_response(request)
        healthy = probe()
        response = HttpResponse(
            "ok\n" if healthy else "unavailable\n",
            status=200 if healthy else 503,
            content_type="text/plain; charset=utf-8",
        )
        response["Cache-Control"] = "no-store"
        return response


class RequestBodyLimitMiddleware:
    """Refuses a request whose declared body exceeds MAX_REQUEST_BODY_BYTES, unread.

    Django's DATA_UPLOAD_MAX_MEMORY_SIZE covers form fields but not files, which it streams
    to disk; this stops a 2 GB upload at the door with a German page instead.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BODY_BYTES:
            # No "Connection: close": it is a hop-by-hop header, which PEP 3333 forbids an
            # application to set (wsgiref, and so runserver, turns it into a 500). What
            # happens to the unread rest of the body is the server's business: gunicorn
            # and runserver drop or drain it, a proxy in front should cap it earlier.
            return render_error_page(request, "413.html", status=413)
        return self.get_response(request)


class CrossOriginResourcePolicyMiddleware:
    """Cross-Origin-Resource-Policy: same-origin on every response (Django has no setting):
    other sites cannot embed our pages, images or files."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response
