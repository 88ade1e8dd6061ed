"""The signed links of the mails: cancelling (the waiting list moves up) and feedback."""

import datetime as dt

import pytest
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext as _

from anmeldungen import links, services
from anmeldungen.models import Feedback, Registration
from postausgang.models import OutgoingMail
from tests.anmeldungen.registration_data import (
    event_with_registration,
    form_data,
    move_event,
    register_url,
    registration,
)

pytestmark = pytest.mark.django_db


def register(client, event, email):
    client.post(register_url(event), form_data(email=email, name=email.split("@")[0].title()))
    return Registration.objects.get(email=email)


def text(response):
    return response.content.decode()


# Cancelling


def test_the_cancel_link_asks_first_and_cancels_on_post(client, reference_data):
    event = event_with_registration()
    booked = register(client, event, "bea@example.net")
    url = links.cancel_url(booked, absolute=False)

    asked = client.get(url)
    assert asked.status_code == 200
    assert Registration.objects.get().status == Registration.Status.CONFIRMED
    assert 'method="post"' in text(asked)

    done = client.post(url)

    assert done.status_code == 200
    booked.refresh_from_db()
    assert booked.status == Registration.Status.CANCELLED
    assert OutgoingMail.objects.filter(kind="anmeldungen/cancelled").count() == 1
    # The reminder and the feedback request are gone from the outbox.
    later = ["anmeldungen/reminder", "anmeldungen/feedback"]
    assert not OutgoingMail.objects.filter(kind__in=later).exists()


def test_a_cancellation_gives_the_place_to_the_first_waiting(client, reference_data):
    event = event_with_registration(capacity=1)
    first = register(client, event, "erste@example.net")
    second = register(client, event, "zweite@example.net")
    third = register(client, event, "dritte@example.net")
    assert [second.status, third.status] == ["waitlisted", "waitlisted"]

    client.post(links.cancel_url(first, absolute=False))

    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == Registration.Status.CONFIRMED
    assert third.status == Registration.Status.WAITLISTED
    promoted = OutgoingMail.objects.get(kind="anmeldungen/promoted")
    assert promoted.to == ["zweite@example.net"]
    assert promoted.attachments[0]["filename"] == "veranstaltung.ics"
    assert second.reminder_mail is not None


def test_leaving_the_waiting_list_promotes_nobody(client, reference_data):
    event = event_with_registration(capacity=1)
    register(client, event, "erste@example.net")
    second = register(client, event, "zweite@example.net")
    third = register(client, event, "dritte@example.net")

    client.post(links.cancel_url(second, absolute=False))

    third.refresh_from_db()
    assert third.status == Registration.Status.WAITLISTED
    assert not OutgoingMail.objects.filter(kind="anmeldungen/promoted").exists()


def test_cancelling_twice_is_said_clearly(client, reference_data):
    event = event_with_registration()
    booked = register(client, event, "bea@example.net")
    url = links.cancel_url(booked, absolute=False)
    client.post(url)

    again = client.post(url)

    assert again.status_code == 409
    assert _("This registration has already been cancelled.") in text(again)
    assert _("This registration has already been cancelled.") in text(client.get(url))


def test_a_started_event_can_no_longer_be_cancelled(client, reference_data):
    event = event_with_registration()
    booked = registration(event)
    move_event(event, starts_in=-dt.timedelta(minutes=5))

    response = client.post(links.cancel_url(booked, absolute=False))

    assert response.status_code == 409
    booked.refresh_from_db()
    assert booked.status == Registration.Status.CONFIRMED


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        lambda token: "x" + token,
        lambda token: "kaputt",
    ],
    ids=["signature", "payload", "garbage"],
)
def test_a_tampered_link_gets_a_clear_message(client, reference_data, tamper):
    event = event_with_registration()
    booked = registration(event)
    token = links.cancel_url(booked, absolute=False).rstrip("/").rsplit("/", 1)[1]

    response = client.post(f"/veranstaltungen/anmeldung/abmelden/{tamper(token)}/")

    assert response.status_code == 400
    assert _("This link is not valid") in text(response)
    booked.refresh_from_db()
    assert booked.status == Registration.Status.CONFIRMED


def test_a_feedback_link_is_no_cancel_link(client, reference_data):
    event = event_with_registration()
    booked = registration(event)
    token = links.feedback_url(booked, absolute=False).rstrip("/").rsplit("/", 1)[1]
    response = client.post(f"/veranstaltungen/anmeldung/abmelden/{token}/")
    assert response.status_code == 400
    booked.refresh_from_db()
    assert booked.status == Registration.Status.CONFIRMED


def test_an_expired_link_says_so(client, reference_data, monkeypatch):
    event = event_with_registration()
    booked = registration(event)
    url = links.cancel_url(booked, absolute=False)
    later = timezone.now() + links.CANCEL_MAX_AGE + dt.timedelta(days=1)
    monkeypatch.setattr(signing.time, "time", lambda: later.timestamp())

    response = client.post(url)

    assert response.status_code == 410
    assert _("This link has expired") in text(response)


def test_the_link_of_a_deleted_registration_says_so(client, reference_data):
    event = event_with_registration()
    booked = registration(event)
    url = links.cancel_url(booked, absolute=False)
    booked.delete()
    response = client.get(url)
    assert response.status_code == 404
    assert _("This registration does not exist (any more).") in text(response)


def test_more_places_fill_the_waiting_list(reference_data):
    event = event_with_registration(capacity=1)
    registration(event, name="Erste Person")
    waiting = registration(event, name="Zweite Person", status="waitlisted")
    settings = event.registration_settings
    settings.capacity = 2
    settings.save()

    services.settings_changed(event.pk)

    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    assert OutgoingMail.objects.get(kind="anmeldungen/promoted").to == ["zweite@example.net"]


def test_a_cancelled_event_drops_reminders_and_a_moved_one_moves_them(client, reference_data):
    event = event_with_registration()
    booked = register(client, event, "bea@example.net")

    move_event(event, starts_in=dt.timedelta(days=20))
    services.event_changed(event.pk)
    booked.refresh_from_db()
    assert booked.reminder_mail.send_after == event.starts_at - dt.timedelta(hours=24)

    event.is_cancelled = True
    event.save()
    services.event_changed(event.pk)
    booked.refresh_from_db()
    assert booked.reminder_mail is None
    assert not OutgoingMail.objects.filter(kind="anmeldungen/reminder").exists()


# Feedback


def feedback_token(booked):
    return links.feedback_url(booked, absolute=False)


def test_feedback_opens_after_the_event(client, reference_data):
    event = event_with_registration()
    booked = registration(event)
    response = client.get(feedback_token(booked))
    assert response.status_code == 409
    assert _("You can give feedback once the event is over.") in text(response)


def test_feedback_is_stored_once_and_without_the_person(client, reference_data):
    event = event_with_registration()
    booked = registration(event, name="Rita Register")
    move_event(event, starts_in=-dt.timedelta(days=1))
    url = feedback_token(booked)

    form = client.get(url)
    assert form.status_code == 200
    assert 'name="rating"' in text(form)
    saved = client.post(url, {"rating": "4", "comment": "Sehr hilfreich."})

    assert saved.status_code == 200
    feedback = Feedback.objects.get()
    assert (feedback.event, feedback.rating, feedback.comment) == (event, 4, "Sehr hilfreich.")
    again = client.post(url, {"rating": "1"})
    assert again.status_code == 409
    assert Feedback.objects.count() == 1


@pytest.mark.parametrize(
    "data",
    [{"rating": "6"}, {"rating": "0"}, {"rating": "x"}, {"rating": "3", "comment": "x" * 2001}],
)
def test_bad_feedback_gets_a_message_and_saves_nothing(client, reference_data, data):
    event = event_with_registration()
    booked = registration(event)
    move_event(event, starts_in=-dt.timedelta(days=1))
    response = client.post(feedback_token(booked), data)
    assert response.status_code == 200
    assert "field__errors" in text(response)
    assert not Feedback.objects.exists()


def test_a_tampered_feedback_link_gets_a_clear_message(client, reference_data):
    response = client.get("/veranstaltungen/anmeldung/rueckmeldung/abc:def:ghi/")
    assert response.status_code == 400
    assert _("This link is not valid") in text(response)


def test_only_participants_give_feedback(client, reference_data):
    event = event_with_registration()
    waiting = registration(event, status="waitlisted")
    move_event(event, starts_in=-dt.timedelta(days=1))
    response = client.post(feedback_token(waiting), {"rating": "5"})
    assert response.status_code == 409
    assert not Feedback.objects.exists()
