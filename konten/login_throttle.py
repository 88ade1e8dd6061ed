"""Login throttling on top of django-axes.

Axes locks one address after AXES_FAILURE_LIMIT failures from one client. Two gaps close
here:

- Axes counts the address as typed, while the login matches it case-insensitively, so
  "ALICE@…" logged in after "alice@…" was locked. `address_key` gives every spelling the
  login accepts one key (AXES_USERNAME_CALLABLE).
- One password tried against many accounts (spraying) stays under every per-address lock.
  `ClientLimitBackend` allows PER_CLIENT failed logins per hour from one client address
  across all accounts. It counts each password check before it happens (an atomic counter,
  so parallel requests cannot slip past a check) and gives the count back when that very
  check logs someone in: logging in to an own account in between undoes nothing else.
"""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver
from django.shortcuts import render

from kern.client_ip import client_ip
from kern.rate_limits import Limit
from konten.address_keys import address_key

# Twenty lets a few people behind one office or mobile-network address each use up their
# own five-failure lock in the same hour; a sprayer gets 20 guesses an hour instead of
# five per account every 15 minutes.
PER_CLIENT = Limit("login-client", attempts=20, seconds=60 * 60)


def axes_username(request, credentials=None):
    """AXES_USERNAME_CALLABLE: the address key of the credentials or the posted form."""
    field = settings.AXES_USERNAME_FORM_FIELD
    source = credentials or getattr(request, "POST", {})
    value = source.get(field)
    return address_key(value) if isinstance(value, str) else None


class ClientLimitBackend:
    """Listed after axes and before ModelBackend: every password check that axes lets
    through counts against the client's address; it never authenticates anyone itself.
    Without `get_user` (as axes' backend), so nothing ever logs in through it, the test
    client's `force_login` included."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        address = client_ip(request)
        if PER_CLIENT.take(address):
            request.login_counted_for = address
            return None
        # The axes middleware answers with AXES_LOCKOUT_CALLABLE, as for its own locks.
        request.axes_locked_out = True
        request.login_client_locked = True
        raise PermissionDenied


@receiver(user_logged_in)
def give_back_a_successful_check(sender, request, user, **kwargs):
    # Only the check of this request: logins without a password check (invitations,
    # a password reset) have nothing to give back.
    address = getattr(request, "login_counted_for", None)
    if address is not None:
        PER_CLIENT.give_back(address)
        request.login_counted_for = None


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the German page for both locks, with axes' status code."""
    return render(
        request,
        "konten/locked_out.html",
        {"whole_client": getattr(request, "login_client_locked", False)},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
