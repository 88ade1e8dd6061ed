"""Listings expire after 90 days; a week before, the poster gets one mail with a signed link
that renews the listing once. Forged, replayed and expired links get a clear page."""

import datetime
import re
import time

import pytest
from django.core import mail, signing
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.translation import gettext

from raeume import expiry
from raeume.models import Listing
from tests.raeume.listing_scenes import listing


def german(msgid):
    with translation.override("de"):
        return gettext(msgid)


def expiring_in(days, **fields):
    return listing(
        "dresden",
        expires_on=timezone.localdate() + datetime.timedelta(days=days),
        **fields,
    )


def remind(capture):
    with capture(execute=True):
        call_command("remind_expiring_listings", stdout=open("/dev/null", "w"))  # noqa: SIM115


def renewal_path(message):
    [path] = re.findall(r"/raeume/verlaengern/[^/\s]+/", message.body)
    return path


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


def test_an_expired_listing_is_no_longer_public(reference_data):
    yesterday = expiring_in(-1, title="Abgelaufen")
    today = expiring_in(0, title="Letzter Tag")

    public = set(Listing.objects.public().values_list("title", flat=True))

    assert "Letzter Tag" in public
    assert "Abgelaufen" not in public
    assert not Listing.objects.available().filter(pk=yesterday.pk).exists()
    assert today.pk


def test_posters_are_reminded_once_a_week_before_expiry(reference_data, capture):
    due = expiring_in(7, title="Atelier läuft bald ab")
    expiring_in(8, title="Noch Zeit")
    expiring_in(3, title="Vergeben", taken_at=timezone.now())
    listing("dresden", status=Listing.Status.PENDING, title="In Prüfung")

    remind(capture)
    remind(capture)

    [message] = mail.outbox
    assert message.to == [due.poster.email]
    assert "Atelier läuft bald ab" in message.subject
    assert "/raeume/verlaengern/" in message.body
    due.refresh_from_db()
    assert due.renewal_reminded_at is not None


def test_the_link_renews_the_listing_for_ninety_days_once(client, reference_data, capture):
    due = expiring_in(5)
    remind(capture)
    url = renewal_path(mail.outbox[0])

    page = client.get(url)
    assert page.status_code == 200
    due.refresh_from_db()
    assert due.expires_on == timezone.localdate() + datetime.timedelta(days=5)

    renewed = client.post(url)
    assert renewed.status_code == 200
    due.refresh_from_db()
    assert due.expires_on == timezone.localdate() + datetime.timedelta(days=90)
    assert due.renewal_reminded_at is None

    replay = client.post(url)
    assert replay.status_code == 200
    due.refresh_from_db()
    assert german(
        "The listing “%(title)s” has already been renewed with this link and runs until "
        "%(date)s. Nothing more to do."
    ) % {"title": due.title, "date": due.expires_on.strftime("%d.%m.%Y")} in (
        replay.content.decode()
    )
    assert due.expires_on == timezone.localdate() + datetime.timedelta(days=90)
    # The next period brings its own reminder.
    assert (
        expiry.due_for_reminder(due.expires_on - datetime.timedelta(days=7))
        .filter(pk=due.pk)
        .exists()
    )


def test_a_renewal_does_not_send_the_listing_back_to_moderation(reference_data, capture):
    from moderation.services import changed_listings

    due = expiring_in(2)
    remind(capture)
    expiry.renew(expiry.renewal_token(Listing.objects.get(pk=due.pk)))

    assert not changed_listings().filter(pk=due.pk).exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_forged_link_gets_a_clear_page_and_changes_nothing(client, reference_data, method):
    due = expiring_in(5, renewal_reminded_at=timezone.now())
    token = expiry.renewal_token(due)
    forged = token[:-3] + ("abc" if not token.endswith("abc") else "xyz")

    response = getattr(client, method)(f"/raeume/verlaengern/{forged}/")

    assert response.status_code == 400
    assert (
        german(
            "This renewal link is not valid. Please use the link from the most recent e-mail, "
            "completely and unchanged."
        )
        in response.content.decode()
    )
    due.refresh_from_db()
    assert due.expires_on == timezone.localdate() + datetime.timedelta(days=5)


def test_a_link_signed_for_another_purpose_or_with_garbage_is_not_valid(client, reference_data):
    due = expiring_in(5, renewal_reminded_at=timezone.now())
    other_salt = signing.dumps(
        {"listing": due.pk, "expires_on": due.expires_on.isoformat()}, salt="something.else"
    )
    garbage = signing.dumps({"listing": "x"}, salt=expiry.SALT)

    for token in [other_salt, garbage, "%00", "a" * 500]:
        assert client.post(f"/raeume/verlaengern/{token}/").status_code in (400, 404)


def test_an_old_link_has_expired(client, reference_data, monkeypatch):
    due = expiring_in(5, renewal_reminded_at=timezone.now())
    long_ago = time.time() - (expiry.MAX_AGE + datetime.timedelta(days=1)).total_seconds()
    with monkeypatch.context() as patch:
        patch.setattr(time, "time", lambda: long_ago)
        token = expiry.renewal_token(due)

    response = client.post(f"/raeume/verlaengern/{token}/")

    assert response.status_code == 410
    assert (
        german(
            "This renewal link has expired. Please post the listing again or ask your regional "
            "association."
        )
        in response.content.decode()
    )
