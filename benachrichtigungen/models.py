"""Alerts: who wants to hear about what, and up to where they have heard.

A Subscriber is one e-mail address, without an account; its signed link (benachrichtigungen
.links) manages all its subscriptions. A Subscription is one kind of new item (members,
news, events, spaces, calls) with criteria, sent instantly or in a weekly digest. Nothing is
sent before the subscription's own confirmation link was followed (double opt-in), and
unconfirmed subscriptions are deleted after seven days (services.purge_unconfirmed).

Both are private: the addresses are personal data of people who never agreed to be seen by
anyone, staff included. No page and no admin lists them; only the subscriber's own signed
links reach them, and the data export and account deletion find them by address.
"""

import secrets
import unicodedata

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kern.fields import EmailAddressField, SingleLineField


def address_key(address: str) -> str:
    """One key for every spelling of an address (case, Unicode forms), so one person is one
    subscriber however they type it."""
    return unicodedata.normalize("NFKC", address.strip()).casefold()


def new_secret() -> str:
    return secrets.token_urlsafe(16)


class PrivateQuerySet(models.QuerySet):
    """Rows nobody but the subscriber sees: not the public, not staff (see module doc)."""

    def public(self):
        return self.none()

    def visible_to(self, user):
        return self.none()


class Subscriber(models.Model):
    email = EmailAddressField(_("e-mail address"), max_length=254)
    email_key = SingleLineField(max_length=254, unique=True, editable=False)
    # Part of every signed link: a new secret makes all earlier links of this address void.
    secret = SingleLineField(max_length=32, default=new_secret, editable=False)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # The next weekly digest is prepared once this moment has passed.
    next_digest_at = models.DateTimeField(_("next digest"), null=True, blank=True, db_index=True)

    objects = PrivateQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email_key = address_key(self.email)
        super().save(*args, **kwargs)


class Subscription(models.Model):
    class Kind(models.TextChoices):
        MEMBERS = "members", _("New members")
        NEWS = "news", _("News and success reports")
        EVENTS = "events", _("New events")
        SPACES = "spaces", _("Spaces in the Raumbörse")
        CALLS = "calls", _("Calls in the Kooperationsbörse")

    class Frequency(models.TextChoices):
        INSTANT = "instant", _("Right away")
        WEEKLY = "weekly", _("Once a week")

    subscriber = models.ForeignKey(
        Subscriber,
        on_delete=models.CASCADE,
        related_name="subscriptions",
        verbose_name=_("subscriber"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    # Slugs and numbers, never ids: benachrichtigungen.kinds reads and matches them.
    criteria = models.JSONField(_("criteria"), default=dict, blank=True)
    frequency = models.CharField(_("frequency"), max_length=10, choices=Frequency)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    # The page's language when subscribing; the subscriber's mails follow the one of the
    # subscription confirmed last.
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    # The high-water mark: items published up to this moment were sent (or were there
    # before the subscription was confirmed). Set on confirmation, moved on every run.
    sent_until = models.DateTimeField(_("sent up to"), null=True, blank=True)

    objects = PrivateQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["frequency", "confirmed_at"], name="alerts_due")]

    def __str__(self):
        return self.get_kind_display()

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None
