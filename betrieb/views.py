"""Error pages that work when the database does not."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.middleware.csrf import REASON_NO_CSRF_COOKIE, REASON_NO_REFERER
from django.shortcuts import render
from django.template import loader
from django.views.defaults import server_error as default_server_error

try:
    from psycopg_pool import PoolTimeout
except ImportError:  # psycopg is only needed for PostgreSQL
    PoolTimeout = None

RETRY_AFTER_SECONDS = 30


def database_unavailable(error):
    """Whether `error` means "the database cannot be reached", not a bug in our code.

    Django's OperationalError and InterfaceError cover a refused or dropped connection (and
    SQLite's "database is locked", which is worth a retry too); the pool's timeout means no
    connection could be had in time. A ProgrammingError or an IntegrityError is our fault
    and stays a 500.
    """
    unavailable = (OperationalError, InterfaceError)
    if PoolTimeout is not None:
        unavailable += (PoolTimeout,)
    return isinstance(error, unavailable)


def render_error_page(request, template_name, *, status):
    """Render an error page from the template alone: no context processors, no database."""
    body = loader.get_template(template_name).render({"request_path": request.path})
    return HttpResponse(body, status=status)


def _forget_session(request):
    """Keep SessionMiddleware from loading the session again on the way out.

    With SESSION_SAVE_EVERY_REQUEST it asks the session for its expiry before it decides
    not to save a failed response; without a database that would wait for a connection a
    second time and double the time to the 503. An empty cache (a private attribute of
    Django's SessionBase) answers that question without the database; nothing is saved
    for a status of 500 and above anyway.
    """
    session = getattr(request, "session", None)
    if session is not None:
        session._session_cache = {}


def server_error(request):
    """handler500: a friendly 503 with Retry-After while the database is away, else the 500.

    Django calls this while handling the exception, so sys.exc_info() names it.
    """
    error = sys.exc_info()[1]
    if error is not None and database_unavailable(error):
        _forget_session(request)
        response = render_error_page(request, "503.html", status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    return default_server_error(request)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a German page in the site's design instead of Django's English one
    (whose inline CSS our Content Security Policy blocks anyway). Reloading the form gives
    the browser a fresh cookie and token, so the page asks for exactly that."""
    context = {
        "no_cookie": reason == REASON_NO_CSRF_COOKIE,
        "no_referer": reason == REASON_NO_REFERER,
    }
    response = render(request, "403_csrf.html", context, status=403)
    response["Cache-Control"] = "no-store"
    return response
