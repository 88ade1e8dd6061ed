"""Signed links in the mails: cancel a registration, give feedback.

The token is the registration's uid signed with SECRET_KEY and a salt per purpose, so a
cancel link cannot be used as a feedback link or the other way round; it carries the time
it was made, and `max_age` ends it. Nothing in it can be changed without breaking the
signature.
"""

from datetime import timedelta

from django.core import signing
from django.urls import reverse

from kern.site_url import absolute_url

CANCEL_SALT = "anmeldungen.cancel"
FEEDBACK_SALT = "anmeldungen.feedback"
# Registration opens at most some months ahead; a year and a half covers it with room.
CANCEL_MAX_AGE = timedelta(days=550)
FEEDBACK_MAX_AGE = timedelta(days=600)


class BrokenLink(Exception):
    """The link was changed, or belongs to another purpose."""


class ExpiredLink(Exception):
    """The link was right but is too old."""


def _token(registration, salt):
    return signing.dumps(str(registration.uid), salt=salt, compress=False)


def _uid(token, salt, max_age):
    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as error:
        raise ExpiredLink from error
    except signing.BadSignature as error:
        raise BrokenLink from error


def cancel_url(registration, *, absolute=True):
    path = reverse("anmeldungen:cancel", kwargs={"token": _token(registration, CANCEL_SALT)})
    return absolute_url(path) if absolute else path


def feedback_url(registration, *, absolute=True):
    path = reverse("anmeldungen:feedback", kwargs={"token": _token(registration, FEEDBACK_SALT)})
    return absolute_url(path) if absolute else path


def cancel_uid(token):
    return _uid(token, CANCEL_SALT, CANCEL_MAX_AGE)


def feedback_uid(token):
    return _uid(token, FEEDBACK_SALT, FEEDBACK_MAX_AGE)
