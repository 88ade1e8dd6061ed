"""Space listings in moderation: the staff of the association that covers a listing's place
(and the Landesverband) publish or reject it in the queue; the poster learns the decision by
e-mail; every decision is recorded; stale and foreign decisions change nothing."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.translation import gettext

from moderation import services
from moderation.models import ModerationAction
from raeume.models import LISTING_LIFETIME_DAYS, Listing
from tests.raeume.listing_scenes import listing

QUEUE = "/admin/moderation/moderationqueue/"
DECIDE = "/admin/moderation/moderationqueue/entscheiden/"
LISTINGS = "/admin/raeume/listing/"


def german(msgid):
    with translation.override("de"):
        return gettext(msgid)


@pytest.fixture
def pending(reference_data):
    return listing(
        "dresden",
        status=Listing.Status.PENDING,
        title="Proberaum in der Neustadt",
        poster_name="Hausverwaltung Elbe",
    )


@pytest.fixture
def leipzig_pending(reference_data):
    return listing("leipzig", status=Listing.Status.PENDING, title="Laden am Connewitzer Kreuz")


def decide(client, row, decision, **extra):
    data = {
        "target": "listing",
        "pk": row.pk,
        "decision": decision,
        "expected_status": row.status,
        "next": QUEUE,
    } | extra
    return client.post(DECIDE, data, follow=True)


@pytest.mark.parametrize(
    ("role", "sees_dresden", "sees_leipzig"),
    [
        ("dresden", True, False),
        ("chemnitz", False, False),
        ("leipzig", False, True),
        ("landesverband", True, True),
        ("superuser", True, True),
    ],
)
def test_the_queue_shows_listings_only_to_the_association_covering_their_place(
    client_for, roles, pending, leipzig_pending, role, sees_dresden, sees_leipzig
):
    page = client_for(roles[role]).get(QUEUE).content.decode()

    assert ("Proberaum in der Neustadt" in page) is sees_dresden
    assert ("Laden am Connewitzer Kreuz" in page) is sees_leipzig


def test_publishing_puts_the_listing_online_for_ninety_days_and_tells_the_poster(
    client_for, staff_dresden, pending, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(client_for(staff_dresden), pending, "publish")

    assert response.status_code == 200
    pending.refresh_from_db()
    today = timezone.localdate()
    assert pending.status == Listing.Status.PUBLISHED
    assert pending.expires_on == today + datetime.timedelta(days=LISTING_LIFETIME_DAYS)
    assert pending.published_at is not None
    assert pending.reviewed_by == staff_dresden
    assert Listing.objects.public().filter(pk=pending.pk).exists()
    action = ModerationAction.objects.get(listing=pending)
    assert action.action == ModerationAction.Kind.APPROVE_LISTING
    assert action.association.slug == "dresden"
    [message] = mail.outbox
    assert message.to == [pending.poster.email]
    assert "Proberaum in der Neustadt" in message.subject
    assert f"/raeume/{pending.pk}/" in message.body


def test_rejecting_needs_a_reason_and_mails_it_to_the_poster(
    client_for, staff_dresden, pending, django_capture_on_commit_callbacks
):
    client = client_for(staff_dresden)
    response = decide(client, pending, "reject", reason="  ")
    assert german("Please give a reason; the member reads it. Nothing has been changed.") in (
        response.content.decode()
    )
    pending.refresh_from_db()
    assert pending.status == Listing.Status.PENDING

    with django_capture_on_commit_callbacks(execute=True):
        decide(client, pending, "reject", reason="Bitte nennen Sie den Preis.")

    pending.refresh_from_db()
    assert pending.status == Listing.Status.REJECTED
    assert not Listing.objects.public().filter(pk=pending.pk).exists()
    [message] = mail.outbox
    assert "Bitte nennen Sie den Preis." in message.body
    assert ModerationAction.objects.get(listing=pending).reason == "Bitte nennen Sie den Preis."


@pytest.mark.parametrize("role", ["chemnitz", "leipzig"])
def test_staff_of_another_association_cannot_decide_on_a_listing(client_for, roles, pending, role):
    response = client_for(roles[role]).post(
        DECIDE, {"target": "listing", "pk": pending.pk, "decision": "publish"}
    )

    assert response.status_code == 404
    pending.refresh_from_db()
    assert pending.status == Listing.Status.PENDING


def test_a_decision_on_a_listing_changed_in_the_meantime_changes_nothing(
    client_for, staff_dresden, pending
):
    Listing.objects.filter(pk=pending.pk).update(status=Listing.Status.REJECTED)

    response = decide(client_for(staff_dresden), pending, "publish", expected_status="pending")

    expected = german(
        "The listing “%(title)s” was changed by someone else in the meantime. "
        "Nothing has been changed; please look at the current state and decide again."
    ) % {"title": pending.title}
    assert expected in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == Listing.Status.REJECTED
    assert not ModerationAction.objects.filter(listing=pending).exists()


def test_a_published_listing_changed_by_its_poster_returns_to_the_queue_until_reviewed(
    client_for, staff_dresden, reference_data
):
    row = listing("dresden", title="Werkstatt mit Starkstrom")
    client = client_for(staff_dresden)
    assert "Werkstatt mit Starkstrom" not in client.get(QUEUE).content.decode()

    # The poster's edit came after the review.
    Listing.objects.filter(pk=row.pk).update(
        reviewed_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    assert "Werkstatt mit Starkstrom" in client.get(QUEUE).content.decode()

    decide(client, row, "publish")
    assert "Werkstatt mit Starkstrom" not in client.get(QUEUE).content.decode()
    row.refresh_from_db()
    assert row.status == Listing.Status.PUBLISHED
    assert len(mail.outbox) == 0


def test_the_bulk_actions_publish_and_reject_only_the_own_associations_listings(
    client_for, staff_dresden, pending, leipzig_pending
):
    client = client_for(staff_dresden)
    client.post(
        LISTINGS,
        {"action": "publish_selected", "_selected_action": [pending.pk, leipzig_pending.pk]},
    )
    pending.refresh_from_db()
    leipzig_pending.refresh_from_db()
    assert pending.status == Listing.Status.PUBLISHED
    assert leipzig_pending.status == Listing.Status.PENDING

    confirmation = client.post(
        LISTINGS, {"action": "reject_listings", "_selected_action": [pending.pk]}
    )
    assert confirmation.status_code == 200
    client.post(
        LISTINGS,
        {
            "action": "reject_listings",
            "_selected_action": [pending.pk],
            "apply": "1",
            "reason": "Doppelt eingestellt.",
        },
    )
    pending.refresh_from_db()
    assert pending.status == Listing.Status.REJECTED


def test_the_service_refuses_to_publish_a_listing_twice(staff_dresden, pending):
    services.publish_listing(pending, staff_dresden)

    with pytest.raises(services.ModerationError):
        services.publish_listing(pending, staff_dresden)
    assert ModerationAction.objects.filter(listing=pending).count() == 1


def test_the_change_page_shows_the_photos_as_thumbnails(
    client_for, staff_dresden, pending, settings, tmp_path
):
    from tests.space_listings import add_photo

    settings.MEDIA_ROOT = tmp_path
    add_photo(pending, alt_text="Blick in den Proberaum")

    page = client_for(staff_dresden).get(f"{LISTINGS}{pending.pk}/change/").content.decode()

    assert 'class="listing-thumbnail"' in page
    assert 'alt="Blick in den Proberaum"' in page
