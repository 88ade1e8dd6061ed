"""The booker's signed links: cancel, rebook and feedback; changed, expired or outdated
links answer with a clear German message and change nothing."""

import datetime as dt
import time

import pytest
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext as _

from beratung import services
from beratung.models import Booking, Feedback, Slot
from postausgang.models import OutgoingMail
from tests.beratung.beratung_data import advisor, booking, slot


@pytest.fixture
def booked(chemnitz):
    return booking(slot(advisor()))


def manage_url(booking_row):
    return f"/beratung/buchung/{services.manage_token(booking_row)}/"


def feedback_url(booking_row):
    return f"/beratung/bewertung/{services.feedback_token(booking_row)}/"


def message(reason):
    return str(services.BadLink.MESSAGES[reason])


def test_the_manage_page_shows_the_booking_and_its_choices(client, booked):
    other = slot(booked.slot.advisor, days=9)
    page = client.get(manage_url(booked)).content.decode()
    assert "Clara Rat" in page
    assert 'value="cancel"' in page
    assert 'value="rebook"' in page
    assert f'value="{other.pk}"' in page


def test_cancelling_frees_the_slot_and_withdraws_the_reminder(client, booked, staff_chemnitz):
    reminder_pk, feedback_pk = booked.reminder_mail_id, booked.feedback_mail_id

    response = client.post(manage_url(booked), {"action": "cancel"})

    assert response.status_code == 302
    booked.refresh_from_db()
    assert booked.status == Booking.Status.CANCELLED
    assert not OutgoingMail.objects.filter(pk__in=[reminder_pk, feedback_pk]).exists()
    kinds = set(OutgoingMail.objects.values_list("kind", flat=True))
    assert {"beratung/cancelled", "beratung/staff_cancelled"} <= kinds
    cancelled = OutgoingMail.objects.get(kind="beratung/cancelled")
    assert "STATUS:CANCELLED" in cancelled.attachments[0]["content"]
    assert Slot.objects.bookable().filter(pk=booked.slot_id).exists()


def test_a_cancelled_booking_cannot_be_cancelled_or_moved_again(client, booked):
    client.post(manage_url(booked), {"action": "cancel"})
    mails = OutgoingMail.objects.count()
    response = client.post(manage_url(booked), {"action": "cancel"}, follow=True)
    assert str(_("This booking can no longer be changed.")) in response.content.decode()
    assert OutgoingMail.objects.count() == mails


def test_rebooking_moves_the_booking_to_another_free_slot(client, booked):
    other = slot(booked.slot.advisor, days=9)

    response = client.post(manage_url(booked), {"action": "rebook", "slot": other.pk})

    assert response.status_code == 302
    booked.refresh_from_db()
    assert booked.status == Booking.Status.CANCELLED
    new = Booking.objects.get(status=Booking.Status.BOOKED)
    assert new.slot == other
    assert new.question == booked.question
    assert response["Location"] == manage_url(new)
    # The old link now shows the cancelled booking and offers nothing.
    page = client.get(manage_url(booked)).content.decode()
    assert 'value="rebook"' not in page


@pytest.mark.parametrize("target", ["taken", "other_association", "missing", "garbage"])
def test_rebooking_to_a_slot_that_is_not_free_changes_nothing(client, booked, leipzig, target):
    if target == "taken":
        other = slot(booked.slot.advisor, days=9)
        booking(other, email="zweite@example.org")
        value = other.pk
    elif target == "other_association":
        value = slot(advisor("leipzig", name="Lutz"), days=9).pk
    elif target == "missing":
        value = 999999
    else:
        value = "'; drop table"
    bookings = set(Booking.objects.values_list("pk", "status"))

    response = client.post(manage_url(booked), {"action": "rebook", "slot": value}, follow=True)

    assert response.status_code == 200
    assert set(Booking.objects.values_list("pk", "status")) == bookings


def test_a_changed_link_is_refused_with_a_clear_message(client, booked):
    token = services.manage_token(booked)
    for bad in [token[:-2] + ("AA" if token[-2:] != "AA" else "BB"), "x", token + "x"]:
        response = client.get(f"/beratung/buchung/{bad}/")
        assert response.status_code == 400
        assert message("invalid") in response.content.decode()
    response = client.post(f"/beratung/buchung/{token[:-1]}/", {"action": "cancel"})
    assert response.status_code == 400
    booked.refresh_from_db()
    assert booked.status == Booking.Status.BOOKED


def test_a_feedback_link_does_not_open_the_manage_page(client, booked):
    token = services.feedback_token(booked)
    response = client.get(f"/beratung/buchung/{token}/")
    assert response.status_code == 400


def test_a_link_to_a_deleted_or_replaced_booking_says_it_is_gone(client, booked):
    url = manage_url(booked)
    Booking.objects.filter(pk=booked.pk).update(link_key="00000000-0000-0000-0000-000000000000")
    response = client.get(url)
    assert response.status_code == 400
    assert message("gone") in response.content.decode()


def test_an_expired_link_says_so(client, booked, monkeypatch):
    long_ago = time.time() - services.LINK_MAX_AGE.total_seconds() - 60
    monkeypatch.setattr(signing.time, "time", lambda: long_ago)
    token = services.manage_token(booked)
    monkeypatch.undo()
    response = client.get(f"/beratung/buchung/{token}/")
    assert response.status_code == 400
    assert message("expired") in response.content.decode()


# Feedback --------------------------------------------------------------------------------


def _over(booking_row):
    Slot.objects.filter(pk=booking_row.slot_id).update(
        starts_at=timezone.now() - dt.timedelta(hours=2)
    )


def test_feedback_is_taken_once_after_the_consultation(client, booked):
    url = feedback_url(booked)
    response = client.get(url)
    assert response.context["too_early"]
    assert "form" not in response.context

    _over(booked)
    assert client.get(url).status_code == 200
    response = client.post(url, {"rating": "4", "comment": "Sehr hilfreich."})
    assert response.status_code == 200
    feedback = Feedback.objects.get()
    assert feedback.rating == 4
    assert feedback.advisor == booked.slot.advisor
    assert feedback.association == booked.slot.association

    response = client.post(url, {"rating": "1", "comment": "Nochmal"})
    assert response.context["already"]
    assert Feedback.objects.count() == 1


@pytest.mark.parametrize(
    "data",
    [
        {"rating": "6"},
        {"rating": "0"},
        {"rating": "viel"},
        {},
        {"rating": "3", "comment": "x" * 2001},
    ],
)
def test_bad_feedback_is_refused_and_nothing_is_saved(client, booked, data):
    _over(booked)
    response = client.post(feedback_url(booked), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Feedback.objects.exists()


def test_a_tampered_feedback_link_is_refused(client, booked):
    _over(booked)
    token = services.feedback_token(booked)
    response = client.post(f"/beratung/bewertung/{token[:-3]}/", {"rating": "5"})
    assert response.status_code == 400
    assert message("invalid") in response.content.decode()
    assert not Feedback.objects.exists()


def test_a_feedback_link_expires_a_month_after_the_consultation(client, booked):
    Slot.objects.filter(pk=booked.slot_id).update(
        starts_at=timezone.now() - dt.timedelta(days=services.FEEDBACK_DAYS + 10)
    )
    booked.slot.starts_at = timezone.now() - dt.timedelta(days=services.FEEDBACK_DAYS + 10)
    token = services.feedback_token(booked)
    response = client.get(f"/beratung/bewertung/{token}/")
    assert response.status_code == 400
    assert message("expired") in response.content.decode()


def test_feedback_outlives_the_purged_booking(booked):
    _over(booked)
    booked.refresh_from_db()
    services.give_feedback(booked, rating=5, comment="")
    Slot.objects.filter(pk=booked.slot_id).update(starts_at=timezone.now() - dt.timedelta(days=400))
    assert services.purge_bookings() == 1
    feedback = Feedback.objects.get()
    assert feedback.booking is None
    assert feedback.rating == 5
