"""Whole pages for anonymous visitors, from the cache, current on the very next request.

Anonymous visitors all see the same page for the same address, so `cache_public_page`
stores a view's HTML and serves it again without touching the database. Correctness rests
on two rules:

- Any saved, deleted or re-linked row of the apps whose content the public sees bumps one
  version (receivers connected in kern.apps), once at once and once after the commit; the
  version is part of every key, so a publish, edit, hide or delete is visible on the next
  request. Code that writes with QuerySet.update() or bulk_create calls
  `content_changed()` itself.
- Content that changes with the clock (a scheduled article, an event that ends) limits how
  long a page may be kept: apps register a function that tells when that happens next.

Logged-in visitors, anyone with a session or pending messages, and everything but a plain
200 to GET or HEAD bypass the cache. CSRF tokens in cached forms are replaced on the way
out by a token of the visitor's own, which also sets their CSRF cookie.

A page is one entry whatever else its address carries: each view names the query parameters
it understands (`parameters=Directory.parameters()`, or none for a detail page), and the key
holds those alone, sorted, so `?x=<random>` can neither fill the cache with copies nor
bypass it. The view is then called with the others removed from the request, so the stored
page (its language links, say) is the same for every address it is served for. Unknown
parameters are ignored rather than redirected away: a newsletter's `?utm_source=...` link
gets its page at once, from the cache, without a second round trip.
"""

import hashlib
import re
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, QueryDict
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.translation import get_language

from kern import versions

PAGES_VERSION = "pages"
CSRF_PLACEHOLDER = "__page_cache_csrf_token__"
_CSRF_VALUE = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')
# Headers that belong to the page; cookies, Vary and the like are set anew per request.
STORED_HEADERS = ("Content-Type", "Content-Language")

# Functions returning the next moment (aware datetime or None) at which published content
# changes by itself; see register_clock.
_clocks = []


def register_clock(next_change):
    _clocks.append(next_change)
    return next_change


def content_version() -> str:
    return versions.current(PAGES_VERSION)


def content_changed(**kwargs) -> None:
    """Signal receiver: invalidate now, and again once the transaction is committed, so a
    page rendered from the old rows in between is not kept either."""
    versions.bump_now_and_at_commit(PAGES_VERSION)


def _cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    # A session may belong to a logged-in member; messages belong to one visitor.
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _keep_only(request, parameters) -> None:
    """Leave the request only the query parameters in `parameters`, sorted by name (several
    values of one name keep their order)."""
    kept = sorted(
        ((name, values) for name, values in request.GET.lists() if name in parameters),
        key=lambda item: item[0],
    )
    query = urlencode([(name, value) for name, values in kept for value in values])
    request.META["QUERY_STRING"] = query
    request.GET = QueryDict(query)


def _cache_key(request, version) -> str:
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()[:40]
    return f"page:{version}:{get_language()}:{digest}"


def _seconds_to_keep() -> int:
    seconds = settings.PAGE_CACHE_SECONDS
    now = timezone.now()
    for next_change in _clocks:
        moment = next_change(now)
        if moment is not None:
            seconds = min(seconds, max(int((moment - now).total_seconds()), 0))
    return seconds


def _from_cache(request, stored) -> HttpResponse:
    content = stored["content"]
    if CSRF_PLACEHOLDER in content:
        content = content.replace(CSRF_PLACEHOLDER, get_token(request))
    response = HttpResponse(content)
    for name, value in stored["headers"].items():
        response[name] = value
    response["X-Page-Cache"] = "hit"
    return response


def _store(key, response) -> None:
    seconds = _seconds_to_keep()
    if seconds <= 0:
        return
    content = _CSRF_VALUE.sub(rf"\g<1>{CSRF_PLACEHOLDER}\g<2>", response.content.decode())
    headers = {name: response[name] for name in STORED_HEADERS if name in response}
    cache.set(key, {"content": content, "headers": headers}, seconds)


def cache_public_page(*, parameters):
    """Serve a view's page to anonymous visitors from the cache (see the module docstring).

    `parameters` are the query parameters the view understands; there is no default, so
    that a new list cannot forget its filters and serve one filter's page for another.
    """
    understood = frozenset(parameters)

    def decorator(view):
        @wraps(view)
        def cached_view(request, *args, **kwargs):
            if not settings.PAGE_CACHE_SECONDS or not _cacheable_request(request):
                return view(request, *args, **kwargs)
            _keep_only(request, understood)
            key = _cache_key(request, content_version())
            stored = cache.get(key)
            if stored is not None:
                return _from_cache(request, stored)
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming and not response.cookies:
                _store(key, response)
                response["X-Page-Cache"] = "miss"
            return response

        return cached_view

    return decorator
