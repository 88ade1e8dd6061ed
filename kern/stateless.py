"""Views that answer every visitor alike and must not set a cookie: pages framed by other
websites (a third-party iframe must not write cookies) and public data for scripts.

With SESSION_SAVE_EVERY_REQUEST the session middleware renews the session cookie of every
logged-in request, whether the view read the session or not. `stateless` hides the
visitor's session from the view and the middleware alike: the view sees an anonymous
visitor, the middleware an empty session that was never sent, and the visitor's own
session cookie stays as it is in their browser.
"""

from functools import wraps
from importlib import import_module

from django.conf import settings
from django.contrib.auth.models import AnonymousUser


def stateless(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        engine = import_module(settings.SESSION_ENGINE)
        request.session = engine.SessionStore()
        request.COOKIES = {
            name: value
            for name, value in request.COOKIES.items()
            if name != settings.SESSION_COOKIE_NAME
        }
        request.user = AnonymousUser()
        return view(request, *args, **kwargs)

    return wrapped
