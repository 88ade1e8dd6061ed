"""What every open-data address does alike: public data for any origin (CORS), German
answers, a per-address rate limit, and conditional GET from the data's version.

Errors are JSON problem details (RFC 9457) with a German `detail`, never an HTML page: a
script that sent a wrong parameter can show the message as it is.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max
from django.http import HttpResponse, JsonResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import condition

from kern import versions
from kern.client_ip import client_ip
from kern.rate_limits import Limit
from kern.stateless import stateless
from mitglieder.models import PROFILES_VERSION, Profile
from verzeichnis.vocabulary import VOCABULARY_VERSION

# Generous for a script that pages through the directory, far below what would tire the
# database (every answer is a handful of indexed queries, most are 304s).
API_LIMIT = Limit("api-ip", attempts=300, seconds=60)
ALLOWED_METHODS = "GET, HEAD, OPTIONS"
# Request headers a cross-origin script may send (conditional GET), and response headers
# it may read.
ALLOWED_HEADERS = "If-None-Match, If-Modified-Since"
EXPOSED_HEADERS = "ETag, Last-Modified, Retry-After, Link"
PREFLIGHT_MAX_AGE = 24 * 60 * 60

LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"
LICENSE_NAME = "CC BY 4.0"
ATTRIBUTION = "Landesverband der Kultur- und Kreativwirtschaft Sachsen e.V."


def problem(status: int, detail: str, **extra) -> JsonResponse:
    """A JSON problem details answer with a German `detail`."""
    titles = {
        400: _("Bad request"),
        404: _("Not found"),
        405: _("Method not allowed"),
        429: _("Too many requests"),
    }
    body = {"type": "about:blank", "title": titles.get(status, ""), "status": status}
    body["detail"] = detail
    body.update(extra)
    return JsonResponse(
        body,
        status=status,
        content_type="application/problem+json",
        json_dumps_params={"ensure_ascii": False},
    )


def json_answer(data, **kwargs) -> JsonResponse:
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False}, **kwargs)


def _cors(response):
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
    # Public data: other sites' scripts may read it (the site sets same-origin elsewhere).
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


def open_data(*, limit=API_LIMIT, cache_control="public, no-cache"):
    """Wrap a view of public data: GET and HEAD (OPTIONS answers a CORS preflight), CORS
    for every origin, German answers, `limit` per client address (429 with Retry-After).
    No session is read or renewed (kern.stateless), so no answer sets a cookie.
    Responses are cacheable by anyone; "no-cache" makes a client revalidate each time,
    which the ETag turns into a 304 without a body."""

    def decorator(view):
        @wraps(view)
        @stateless
        def wrapped(request, *args, **kwargs):
            with translation.override(settings.LANGUAGE_CODE):
                response = _answer(view, limit, request, *args, **kwargs)
                if response.status_code in (200, 304) and cache_control:
                    response.setdefault("Cache-Control", cache_control)
                return _cors(response)

        return wrapped

    return decorator


def _answer(view, limit, request, *args, **kwargs):
    if request.method == "OPTIONS":
        response = HttpResponse(status=204)
        response["Allow"] = ALLOWED_METHODS
        response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
        response["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
        response["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
        return response
    if request.method not in ("GET", "HEAD"):
        response = problem(405, _("This address only answers GET requests."))
        response["Allow"] = ALLOWED_METHODS
        return response
    if limit is not None and not limit.take(client_ip(request)):
        response = problem(
            429,
            _("Too many requests from your address. Please wait %(seconds)s seconds.")
            % {"seconds": limit.seconds},
        )
        response["Retry-After"] = str(limit.seconds)
        return response
    return view(request, *args, **kwargs)


# Conditional GET ----------------------------------------------------------------------


def _first_seen(kind: str, version: str):
    """When this process (or, with Redis, any) first saw `version` of `kind`: no later
    than the change that made it, whatever that change was (a deletion included)."""
    key = f"open-data-seen:{kind}:{version}"
    cache.add(key, timezone.now().replace(microsecond=0), None)
    return cache.get(key) or timezone.now()


def profiles_last_modified(request=None, *args, **kwargs):
    """The newest profile change, or the moment the directory's version changed if later
    (a deleted profile leaves no updated_at behind). One query per version."""
    version = versions.current(PROFILES_VERSION)
    key = f"open-data-updated:{version}"
    newest = cache.get(key)
    if newest is None:
        newest = Profile.objects.aggregate(newest=Max("updated_at"))["newest"] or timezone.now()
        cache.set(key, newest, None)
    return max(newest, _first_seen(PROFILES_VERSION, version))


def vocabulary_last_modified(request=None, *args, **kwargs):
    return _first_seen(VOCABULARY_VERSION, versions.current(VOCABULARY_VERSION))


def _etag(*parts) -> str:
    return hashlib.sha256(":".join(map(str, parts)).encode()).hexdigest()[:32]


def _query(request) -> str:
    return "&".join(sorted(f"{k}={v}" for k, values in request.GET.lists() for v in values))


def profiles_etag(request, *args, **kwargs) -> str:
    """Changes with every change to the directory's data, per address and parameters."""
    version = versions.current(PROFILES_VERSION)
    return _etag(PROFILES_VERSION, version, request.path, _query(request), *kwargs.values())


def vocabulary_etag(request, *args, **kwargs) -> str:
    version = versions.current(VOCABULARY_VERSION)
    return _etag(VOCABULARY_VERSION, version, request.path, _query(request))


def statistics_etag(request, *args, **kwargs) -> str:
    # The counts name districts and Teilmärkte from the vocabulary too.
    return _etag(
        versions.current(PROFILES_VERSION),
        versions.current(VOCABULARY_VERSION),
        request.path,
        _query(request),
    )


profiles_condition = condition(etag_func=profiles_etag, last_modified_func=profiles_last_modified)
vocabulary_condition = condition(
    etag_func=vocabulary_etag, last_modified_func=vocabulary_last_modified
)
statistics_condition = condition(
    etag_func=statistics_etag, last_modified_func=profiles_last_modified
)
