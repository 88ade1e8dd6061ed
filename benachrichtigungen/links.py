"""Signed links of the alert mails: confirm a subscription, manage all subscriptions of an
address, unsubscribe in one click.

Each token is signed with SECRET_KEY and a salt per purpose (a manage link is no
unsubscribe link), and names the subscriber's secret: deleting the subscriber or giving it
a new secret voids every older link. Confirmation links expire with the unconfirmed
subscription (seven days); manage and unsubscribe links live as long as the subscriber,
since a mail of last year must still let its reader stop the next one.
"""

from datetime import timedelta

from django.core import signing
from django.urls import reverse
from django.utils.translation import get_language

from kern.site_url import absolute_url

CONFIRM_SALT = "benachrichtigungen.confirm"
MANAGE_SALT = "benachrichtigungen.manage"
UNSUBSCRIBE_SALT = "benachrichtigungen.unsubscribe"
UNCONFIRMED_DAYS = 7
CONFIRM_MAX_AGE = timedelta(days=UNCONFIRMED_DAYS)


class BrokenLink(Exception):
    """Changed, incomplete, or made for another purpose."""


class ExpiredLink(Exception):
    """Right, but too old."""


def _dumps(value, salt):
    return signing.dumps(value, salt=salt, compress=True)


def _loads(token, salt, max_age=None):
    try:
        value = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as error:
        raise ExpiredLink from error
    except signing.BadSignature as error:
        raise BrokenLink from error
    if not isinstance(value, dict):
        raise BrokenLink
    return value


def _address(name, token):
    """reverse() once per name and language: a digest run builds twenty thousand links."""
    key = (name, get_language())
    if key not in _ADDRESSES:
        _ADDRESSES[key] = absolute_url(reverse(name, kwargs={"token": _PLACEHOLDER}))
    return _ADDRESSES[key].replace(_PLACEHOLDER, token)


_PLACEHOLDER = "TOKEN"  # replaced in the reversed address, which holds it once
_ADDRESSES = {}


def confirm_url(subscription):
    token = _dumps({"s": subscription.pk, "k": subscription.subscriber.secret}, CONFIRM_SALT)
    return absolute_url(reverse("benachrichtigungen:confirm", kwargs={"token": token}))


def manage_url(subscriber):
    token = _dumps({"p": subscriber.pk, "k": subscriber.secret}, MANAGE_SALT)
    return _address("benachrichtigungen:manage", token)


def unsubscribe_url(subscriber, subscriptions):
    """One click ends `subscriptions` (the one of an instant mail, all of a digest)."""
    token = _dumps(
        {"p": subscriber.pk, "k": subscriber.secret, "s": sorted(s.pk for s in subscriptions)},
        UNSUBSCRIBE_SALT,
    )
    return _address("benachrichtigungen:unsubscribe", token)


def read_confirm(token) -> dict:
    return _checked(_loads(token, CONFIRM_SALT, CONFIRM_MAX_AGE), "s", int)


def read_manage(token) -> dict:
    return _checked(_loads(token, MANAGE_SALT), "p", int)


def read_unsubscribe(token) -> dict:
    value = _checked(_loads(token, UNSUBSCRIBE_SALT), "p", int)
    ids = value.get("s")
    if not isinstance(ids, list) or not all(isinstance(pk, int) for pk in ids):
        raise BrokenLink
    return value


def _checked(value, key, kind):
    if not isinstance(value.get(key), kind) or not isinstance(value.get("k"), str):
        raise BrokenLink
    return value
