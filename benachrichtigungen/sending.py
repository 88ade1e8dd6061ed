"""Preparing alert mails: instant ones every few minutes, weekly digests once a week.

Both go the same way: lock the due subscriptions (a second run at the same time skips
them), load each kind's new items once (benachrichtigungen.kinds), match per subscription,
write AT MOST ONE mail per subscriber and run (all its due subscriptions combined) in one
bulk insert into the outbox, and move every high-water mark to the moment of the run, in
the same transaction. A run repeated finds nothing new; a run that fails sends nothing
and moves nothing.

Every mail carries RFC 8058 one-click unsubscribe headers for the subscriptions it
reports and a link to the manage page; its links are plain, without tracking.
"""

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from benachrichtigungen import kinds, links
from benachrichtigungen.models import Subscriber, Subscription
from benachrichtigungen.services import DIGEST_SLACK, WEEK
from postausgang import outbox

# A mark older than this (a subscription nothing was sent to for months) does not make a
# run load months of items: older ones are no news any more.
LOOKBACK = timedelta(days=31)
# Items listed per subscription in one mail; the rest is a link to the list.
MAX_ITEMS = 25

Frequency = Subscription.Frequency
_TEXTS = {}


@dataclass
class RunResult:
    mails: int = 0
    subscriptions: int = 0
    subscribers: int = 0


def run_instant(now=None) -> RunResult:
    now = now or timezone.now()
    with transaction.atomic():
        subscriptions = list(
            _lock(
                Subscription.objects.filter(frequency=Frequency.INSTANT, confirmed_at__isnull=False)
            ).select_related("subscriber")
        )
        return _prepare(subscriptions, now, digest=False)


def run_weekly(now=None) -> RunResult:
    """A digest for every subscriber whose week is over: all their weekly subscriptions in
    one mail; then their next digest a week later."""
    now = now or timezone.now()
    with transaction.atomic():
        due = list(
            _lock(Subscriber.objects.filter(next_digest_at__lte=now)).values_list("pk", flat=True)
        )
        subscriptions = list(
            Subscription.objects.filter(
                subscriber__in=due, frequency=Frequency.WEEKLY, confirmed_at__isnull=False
            ).select_related("subscriber")
        )
        result = _prepare(subscriptions, now, digest=True)
        # Also those without weekly subscriptions left: they wait until one is confirmed.
        with_weekly = {s.subscriber_id for s in subscriptions}
        Subscriber.objects.filter(pk__in=with_weekly).update(
            next_digest_at=now + WEEK - DIGEST_SLACK
        )
        Subscriber.objects.filter(pk__in=set(due) - with_weekly).update(next_digest_at=None)
        return result


def _lock(queryset):
    if connection.features.has_select_for_update_skip_locked:
        return queryset.select_for_update(skip_locked=True, of=("self",))
    return queryset.select_for_update()


def _prepare(subscriptions, now, *, digest) -> RunResult:
    by_kind = defaultdict(list)
    for subscription in subscriptions:
        by_kind[subscription.kind].append(subscription)
    floor = now - LOOKBACK
    matchers = {}
    for kind, members in by_kind.items():
        since = max(min(s.sent_until or floor for s in members), floor)
        matchers[kind] = kinds.load(kind, since, now)

    sections = defaultdict(list)  # subscriber -> [(subscription, items)]
    subscribers = {}
    for subscription in subscriptions:
        items = matchers[subscription.kind].for_subscription(subscription)
        if items:
            subscribers[subscription.subscriber_id] = subscription.subscriber
            sections[subscription.subscriber_id].append((subscription, items))

    _TEXTS.clear()  # a new catalogue since the last run (the loop runs for weeks)
    describe = _Descriptions()
    mails = [
        compose(subscribers[pk], parts, digest=digest, describe=describe)
        for pk, parts in sections.items()
    ]
    outbox.queue_many(mails)
    Subscription.objects.filter(pk__in=[s.pk for s in subscriptions]).update(sent_until=now)
    return RunResult(
        mails=len(mails), subscriptions=len(subscriptions), subscribers=len(subscribers)
    )


def compose(subscriber, parts, *, digest, describe=kinds.describe) -> dict:
    """One mail (queue_many's keyword arguments) to `subscriber` reporting `parts`.

    The text is put together here rather than by a template: a digest run writes ten
    thousand of them, and the template engine took most of its time."""
    with translation.override(subscriber.language):
        texts = _texts()
        unsubscribe = links.unsubscribe_url(subscriber, [s for s, _items in parts])
        total = sum(len(items) for _s, items in parts)
        if digest:
            subject = texts["digest_subject"]
        else:
            subject = ngettext(
                "Kreativ Sachsen: %(count)s new entry for your alert",
                "Kreativ Sachsen: %(count)s new entries for your alerts",
                total,
            ) % {"count": total}
        lines = [texts["hello"], "", texts["digest_intro" if digest else "instant_intro"]]
        for subscription, items in parts:
            title = texts["kinds"][subscription.kind]
            lines += ["", f"== {title} ({describe(subscription)}) =="]
            for item in items[:MAX_ITEMS]:
                detail = texts["details"].get(item.key)
                if detail is None:
                    detail = texts["details"][item.key] = f" ({item.detail})" if item.detail else ""
                lines += ["", f"* {item.title}{detail}", f"  {item.url}"]
            more = len(items) - MAX_ITEMS
            if more > 0:
                lines += [
                    "",
                    ngettext("… and %(count)s more.", "… and %(count)s more.", more)
                    % {"count": more},
                ]
        lines += [
            "",
            texts["manage"],
            links.manage_url(subscriber),
            "",
            texts["unsubscribe"],
            unsubscribe,
            "",
            "-- ",
            "Kreativ Sachsen",
            "",
        ]
    return {
        "to": [subscriber.email],
        "subject": subject,
        "body": "\n".join(lines),
        "kind": "benachrichtigungen/digest" if digest else "benachrichtigungen/instant",
        "headers": {
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    }


def _texts():
    """The fixed texts of the mails in the active language, translated once per run."""
    language = translation.get_language()
    if language not in _TEXTS:
        _TEXTS[language] = {
            "hello": _("Hello,"),
            "digest_subject": _("Your weekly alerts from Kreativ Sachsen"),
            "digest_intro": _("here is what is new this week for your alerts."),
            "instant_intro": _("here is what is new for your alert."),
            "manage": _("Manage or change your alerts:"),
            "unsubscribe": _("End the alerts of this mail with one click:"),
            "kinds": {kind: str(label) for kind, label in Subscription.Kind.choices},
            # Item details in this language, some of them lazy translations.
            "details": {},
        }
    return _TEXTS[language]


class _Descriptions:
    """kinds.describe once per kind, criteria and language within a run: thousands of
    subscriptions share a few hundred criteria."""

    def __init__(self):
        self._known = {}

    def __call__(self, subscription):
        key = (
            subscription.kind,
            json.dumps(subscription.criteria, sort_keys=True),
            translation.get_language(),
        )
        if key not in self._known:
            self._known[key] = kinds.describe(subscription)
        return self._known[key]
