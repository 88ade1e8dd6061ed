"""Writes with side effects: subscribing, confirming, changing, ending, purging.

Every answer to a subscription request is the same whatever was stored before, so the
page never tells a visitor whether an address already subscribed: what differs goes into
the mail to that address, which only its owner reads.
"""

from datetime import timedelta

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from benachrichtigungen import links
from benachrichtigungen.kinds import describe
from benachrichtigungen.models import Subscriber, Subscription, address_key
from postausgang import outbox

# Beyond this many subscriptions per address a request only mails the manage link: nobody
# needs more, and it bounds what one address can be signed up for.
MAX_SUBSCRIPTIONS = 30
WEEK = timedelta(days=7)
# A weekly run at the same hour each week finds the last digest a week old even if that
# run started a little later.
DIGEST_SLACK = timedelta(hours=1)


def subscribe(*, email, kind, criteria, frequency, language) -> None:
    """Store an unconfirmed subscription and mail its confirmation link; for one that
    exists already, mail its link again (unconfirmed) or the manage link (confirmed)."""
    with transaction.atomic():
        subscriber, _created = Subscriber.objects.select_for_update().get_or_create(
            email_key=address_key(email), defaults={"email": email, "language": language}
        )
        existing = [
            s for s in subscriber.subscriptions.filter(kind=kind) if (s.criteria or {}) == criteria
        ]
        if existing:
            subscription = existing[0]
            if subscription.is_confirmed:
                _mail_already_subscribed(subscriber, subscription, language)
                return
            subscription.frequency = frequency
            subscription.language = language
            subscription.save(update_fields=["frequency", "language"])
        elif subscriber.subscriptions.count() >= MAX_SUBSCRIPTIONS:
            _mail_already_subscribed(subscriber, None, language)
            return
        else:
            subscription = Subscription.objects.create(
                subscriber=subscriber,
                kind=kind,
                criteria=criteria,
                frequency=frequency,
                language=language,
            )
        _mail_confirmation(subscriber, subscription, language)


def _render_mail(template, language, context):
    with translation.override(language):
        subject = render_to_string(f"benachrichtigungen/email/{template}_subject.txt", context)
        body = render_to_string(f"benachrichtigungen/email/{template}.txt", context)
    return subject, body


def _mail_confirmation(subscriber, subscription, language):
    with translation.override(language):
        context = {
            "subscription": subscription,
            "criteria": describe(subscription),
            "link": links.confirm_url(subscription),
            "days": links.UNCONFIRMED_DAYS,
        }
    subject, body = _render_mail("confirm", language, context)
    outbox.queue(
        to=[subscriber.email], subject=subject, body=body, kind="benachrichtigungen/confirm"
    )


def _mail_already_subscribed(subscriber, subscription, language):
    context = {"subscription": subscription, "manage_link": links.manage_url(subscriber)}
    subject, body = _render_mail("already_subscribed", language, context)
    outbox.queue(
        to=[subscriber.email], subject=subject, body=body, kind="benachrichtigungen/already"
    )


class NotFound(Exception):
    """The link's subscriber or subscription no longer exists (or the link is void)."""


def confirm(token) -> Subscription:
    """Confirm the subscription of a confirmation link; a second click changes nothing.
    Raises links.BrokenLink, links.ExpiredLink or NotFound."""
    value = links.read_confirm(token)
    with transaction.atomic():
        subscription = (
            Subscription.objects.select_for_update()
            .select_related("subscriber")
            .filter(pk=value["s"], subscriber__secret=value["k"])
            .first()
        )
        if subscription is None:
            raise NotFound
        if not subscription.is_confirmed:
            now = timezone.now()
            subscription.confirmed_at = now
            # Only what is published from now on is news to this subscription.
            subscription.sent_until = now
            subscription.save(update_fields=["confirmed_at", "sent_until"])
            subscriber = subscription.subscriber
            subscriber.language = subscription.language
            fields = ["language"]
            if subscription.frequency == Subscription.Frequency.WEEKLY:
                fields += _plan_digest(subscriber, now)
            subscriber.save(update_fields=fields)
        return subscription


def _plan_digest(subscriber, now) -> list[str]:
    if subscriber.next_digest_at is None:
        subscriber.next_digest_at = now + WEEK
        return ["next_digest_at"]
    return []


def subscriber_for_manage(token) -> Subscriber:
    value = links.read_manage(token)
    subscriber = Subscriber.objects.filter(pk=value["p"], secret=value["k"]).first()
    if subscriber is None:
        raise NotFound
    return subscriber


def change_frequency(subscriber, subscription_pk, frequency) -> None:
    with transaction.atomic():
        subscription = (
            subscriber.subscriptions.select_for_update().filter(pk=subscription_pk).first()
        )
        if subscription is None:
            raise NotFound
        subscription.frequency = frequency
        subscription.save(update_fields=["frequency"])
        if frequency == Subscription.Frequency.WEEKLY:
            locked = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
            if _plan_digest(locked, timezone.now()):
                locked.save(update_fields=["next_digest_at"])


def end_subscription(subscriber, subscription_pk) -> None:
    with transaction.atomic():
        deleted, _rows = subscriber.subscriptions.filter(pk=subscription_pk).delete()
        if not deleted:
            raise NotFound
        _forget_if_empty(subscriber.pk)


def end_all(subscriber) -> None:
    """Unsubscribe from everything: the address is forgotten, and with it every link."""
    Subscriber.objects.filter(pk=subscriber.pk).delete()


def unsubscribe(token) -> int:
    """The one-click unsubscribe of a mail: ends the subscriptions it names. Returns how
    many were still there (0 for a link used before). Raises links.BrokenLink."""
    value = links.read_unsubscribe(token)
    with transaction.atomic():
        subscriber = Subscriber.objects.filter(pk=value["p"], secret=value["k"]).first()
        if subscriber is None:
            return 0
        deleted, _rows = subscriber.subscriptions.filter(pk__in=value["s"]).delete()
        _forget_if_empty(subscriber.pk)
    return deleted


def unsubscribe_targets(token):
    """(subscriber, subscriptions) a one-click link would end, for its confirm page."""
    value = links.read_unsubscribe(token)
    subscriber = Subscriber.objects.filter(pk=value["p"], secret=value["k"]).first()
    if subscriber is None:
        return None, []
    return subscriber, list(subscriber.subscriptions.filter(pk__in=value["s"]))


def _forget_if_empty(subscriber_pk):
    Subscriber.objects.filter(pk=subscriber_pk, subscriptions__isnull=True).delete()


def purge_unconfirmed(now=None) -> int:
    """Delete subscriptions unconfirmed for the confirmation link's lifetime, and the
    addresses left without any; returns how many subscriptions went."""
    now = now or timezone.now()
    cutoff = now - links.CONFIRM_MAX_AGE
    with transaction.atomic():
        deleted, _rows = Subscription.objects.filter(
            confirmed_at__isnull=True, created_at__lt=cutoff
        ).delete()
        Subscriber.objects.filter(subscriptions__isnull=True, created_at__lt=cutoff).delete()
    return deleted


# The account's data export and deletion (konten) ------------------------------------------


def subscriptions_of_address(email):
    return Subscription.objects.filter(subscriber__email_key=address_key(email)).order_by(
        "created_at", "pk"
    )


def export_for_address(email) -> list[dict]:
    return [
        {
            "email": subscription.subscriber.email,
            "kind": subscription.kind,
            "criteria": subscription.criteria,
            "frequency": subscription.frequency,
            "language": subscription.language,
            "created_at": subscription.created_at,
            "confirmed_at": subscription.confirmed_at,
            "sent_until": subscription.sent_until,
        }
        for subscription in subscriptions_of_address(email).select_related("subscriber")
    ]


def delete_for_address(email) -> int:
    """Forget the address and all its subscriptions; returns how many there were."""
    count = subscriptions_of_address(email).count()
    Subscriber.objects.filter(email_key=address_key(email)).delete()
    return count
