"""Registering on the event page: places, the waiting list, closed registration, bad input."""

import datetime as dt

import pytest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from anmeldungen.models import Registration
from anmeldungen.views import IP_LIMIT
from postausgang.models import OutgoingMail
from tests.anmeldungen.registration_data import (
    event_with_registration,
    form_data,
    move_event,
    register_url,
    registration,
)
from tests.veranstaltungen.factories import EventFactory

pytestmark = pytest.mark.django_db


def page(client, event, prefix=""):
    response = client.get(f"{prefix}{event.get_absolute_url()}")
    assert response.status_code == 200
    return response.content.decode()


def places_text(count):
    return ngettext("%(count)s place left", "%(count)s places left", count) % {"count": count}


def mails_to(address, kind=None):
    mails = OutgoingMail.objects.filter(to=[address])
    return mails.filter(kind=kind) if kind else mails


# What the event page shows


def test_the_event_page_shows_the_form_and_the_places_left(client, reference_data):
    event = event_with_registration(capacity=5)
    registration(event)

    html = page(client, event)

    assert f'action="/veranstaltungen/{event.slug}/anmeldung/"' in html
    assert "4 places left" in html or places_text(4) in html
    assert 'name="consent"' in html
    assert 'name="homepage"' in html


def test_one_place_left_is_said_in_the_singular(client, reference_data):
    event = event_with_registration(capacity=2)
    registration(event)
    assert "1 place left" in page(client, event)


def test_an_event_without_registration_shows_no_form(client, reference_data):
    event = EventFactory()
    html = page(client, event)
    assert "/anmeldung/" not in html
    assert 'name="consent"' not in html


def test_only_the_questions_staff_ask_are_fields(client, reference_data):
    event = event_with_registration(ask_dietary_needs=True, question_1="Welches Thema?")
    html = page(client, event)
    assert 'name="dietary_needs"' in html
    assert "Welches Thema?" in html
    assert 'name="answer_1"' in html
    assert 'name="accessibility_needs"' not in html
    assert 'name="answer_2"' not in html


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ("cancelled", "This event has been cancelled, so registration is closed."),
        ("past", "This event is over, so registration is closed."),
        ("started", "This event has already started, so registration is closed."),
        ("closed", "Registration for this event is closed."),
        ("deadline", "The registration deadline (%(deadline)s) has passed."),
    ],
)
def test_closed_registration_is_said_clearly_and_refuses_posts(
    client, reference_data, change, reason
):
    event = event_with_registration()
    settings = event.registration_settings
    if change == "cancelled":
        event.is_cancelled = True
        event.save()
    elif change == "past":
        move_event(event, starts_in=-dt.timedelta(days=2))
    elif change == "started":
        move_event(event, starts_in=-dt.timedelta(minutes=30))
    elif change == "closed":
        settings.is_open = False
        settings.save()
    else:
        settings.deadline = timezone.now() - dt.timedelta(hours=1)
        settings.save()

    html = page(client, event)
    response = client.post(register_url(event), form_data())

    expected = _(reason).split("(")[0]
    assert expected in html
    assert 'name="consent"' not in html
    assert response.status_code == 409
    assert expected in response.content.decode()
    assert not Registration.objects.exists()
    assert not OutgoingMail.objects.exists()


# Registering


def test_registering_confirms_a_place_and_mails_the_calendar_file(client, reference_data):
    event = event_with_registration(capacity=5, ask_dietary_needs=True)

    response = client.post(register_url(event), form_data(dietary_needs="vegan"))

    assert response.status_code == 302
    assert response["Location"] == event.get_absolute_url()
    stored = Registration.objects.get()
    assert stored.status == Registration.Status.CONFIRMED
    assert stored.dietary_needs == "vegan"
    assert stored.language == "de"
    confirmation = mails_to("bea@example.net", "anmeldungen/confirmed").get()
    assert confirmation.send_after is None
    assert event.title in confirmation.subject
    [attachment] = confirmation.attachments
    assert attachment["filename"] == "veranstaltung.ics"
    assert attachment["mimetype"] == "text/calendar"
    assert "BEGIN:VEVENT" in attachment["content"]
    assert "http://testserver/veranstaltungen/anmeldung/abmelden/" in confirmation.body
    # The answers are for the organisers, not for any mail.
    assert "vegan" not in confirmation.body
    followed = client.get(response["Location"]).content.decode()
    assert "4 places left" in followed or places_text(4) in followed


def test_the_confirmation_is_actually_sent_after_the_commit(
    client, reference_data, django_capture_on_commit_callbacks, mailoutbox
):
    event = event_with_registration()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(register_url(event), form_data())
    [message] = mailoutbox
    assert message.to == ["bea@example.net"]
    assert message.attachments[0][0] == "veranstaltung.ics"


def test_the_reminder_and_the_feedback_request_wait_for_their_time(client, reference_data):
    event = event_with_registration()
    client.post(register_url(event), form_data())

    stored = Registration.objects.get()
    assert stored.reminder_mail.send_after == event.starts_at - dt.timedelta(hours=24)
    assert stored.feedback_mail.send_after == event.ends_at + dt.timedelta(hours=3)
    assert "/veranstaltungen/anmeldung/rueckmeldung/" in stored.feedback_mail.body


def test_an_event_tomorrow_gets_no_reminder_in_the_past(client, reference_data):
    event = event_with_registration()
    move_event(event, starts_in=dt.timedelta(hours=5))
    client.post(register_url(event), form_data())
    assert Registration.objects.get().reminder_mail is None


def test_when_full_registering_puts_you_on_the_waiting_list_and_says_so(client, reference_data):
    event = event_with_registration(capacity=1)
    registration(event)

    html = page(client, event)
    response = client.post(register_url(event), form_data(), follow=True)

    assert "All places are taken." in html or _("All places are taken.") in html
    stored = Registration.objects.get(email="bea@example.net")
    assert stored.status == Registration.Status.WAITLISTED
    assert stored.reminder_mail is None
    text = response.content.decode()
    assert "waiting list" in text or _("waiting list") in text
    mail = mails_to("bea@example.net").get()
    assert mail.kind == "anmeldungen/waitlisted"
    assert not mail.attachments


def test_registering_twice_with_one_address_is_said_clearly(client, reference_data):
    event = event_with_registration()
    registration(event, email="bea@example.net")

    response = client.post(register_url(event), form_data(email="BEA@example.net"))

    assert response.status_code == 409
    assert (
        "already registered for this event" in response.content.decode()
        or _(
            "This e-mail address is already registered for this event. To cancel, use the link "
            "in the confirmation e-mail."
        )
        in response.content.decode()
    )
    assert Registration.objects.count() == 1
    assert not OutgoingMail.objects.exists()


def test_a_cancelled_registration_does_not_block_registering_again(client, reference_data):
    event = event_with_registration()
    registration(event, email="bea@example.net", status="cancelled")
    response = client.post(register_url(event), form_data())
    assert response.status_code == 302
    assert Registration.objects.active().get().email == "bea@example.net"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", ""),
        ("name", "x" * 151),
        ("name", "Bea\nBeispiel"),
        ("email", "kein-at-zeichen"),
        ("consent", ""),
        ("answer_1", "x" * 1001),
        ("dietary_needs", "x" * 301),
        ("answer_1", "mit\x07Steuerzeichen"),
    ],
)
def test_bad_input_gets_a_message_and_saves_nothing(client, reference_data, field, value):
    event = event_with_registration(ask_dietary_needs=True, question_1="Welches Thema?")

    response = client.post(register_url(event), form_data(**{field: value}))

    assert response.status_code == 200
    assert f'id="registration_{field}_error"' in response.content.decode()
    assert not Registration.objects.exists()
    assert not OutgoingMail.objects.exists()


def test_answers_never_show_on_the_public_page(client, reference_data):
    event = event_with_registration(question_1="Welches Thema?")
    registration(event, answer_1="Meine geheime Frage zur KSK")
    assert "geheime Frage" not in page(client, event)


def test_a_filled_honeypot_looks_like_success_and_saves_nothing(client, reference_data):
    event = event_with_registration()
    response = client.post(register_url(event), form_data(homepage="http://spam.example"))
    assert response.status_code == 302
    assert not Registration.objects.exists()
    assert not OutgoingMail.objects.exists()


def test_too_many_registrations_from_one_address_are_refused(client, reference_data):
    event = event_with_registration(capacity=100)
    for number in range(IP_LIMIT.attempts):
        client.post(register_url(event), form_data(email=f"person{number}@example.net"))

    response = client.post(register_url(event), form_data(email="late@example.net"))

    assert response.status_code == 429
    assert not Registration.objects.filter(email="late@example.net").exists()


def test_drafts_and_unknown_events_answer_404(client, reference_data):
    draft = event_with_registration(event=EventFactory(status="draft"))
    assert client.post(register_url(draft), form_data()).status_code == 404
    assert client.post("/veranstaltungen/gibt-es-nicht/anmeldung/", form_data()).status_code == 404


def test_the_form_page_works_in_english_and_the_mails_follow(client, reference_data):
    event = event_with_registration()
    page_html = client.get(register_url(event, "/en")).content.decode()
    assert 'lang="en"' in page_html

    client.post(register_url(event, "/en"), form_data())

    stored = Registration.objects.get()
    assert stored.language == "en"
    assert "http://testserver/en/veranstaltungen/anmeldung/abmelden/" in (
        mails_to("bea@example.net", "anmeldungen/confirmed").get().body
    )


def test_registering_needs_the_csrf_token(reference_data):
    from django.test import Client

    event = event_with_registration()
    response = Client(enforce_csrf_checks=True).post(register_url(event), form_data())
    assert response.status_code == 403
    assert not Registration.objects.exists()


def test_the_cached_event_page_shows_the_new_count_at_once(client, reference_data, settings):
    settings.PAGE_CACHE_SECONDS = 600
    event = event_with_registration(capacity=3)
    assert "3 places left" in page(client, event)

    client.post(register_url(event), form_data())
    client.cookies.clear()  # The message cookie would bypass the cache.

    assert "2 places left" in page(client, event)
