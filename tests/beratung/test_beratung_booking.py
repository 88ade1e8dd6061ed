"""Booking a consultation: the offers, the form, the mails, and every way it can go wrong
(a clear German message, never a 500, nothing half-saved)."""

import datetime as dt

import pytest
from django.utils import timezone
from django.utils.translation import gettext as _

from beratung import services
from beratung.models import Booking, Slot
from postausgang.models import OutgoingMail
from tests.beratung.beratung_data import advisor, booking, form_data, slot

QUESTION = "Wie melde ich mich bei der KSK an?"


@pytest.fixture
def free_slot(chemnitz):
    return slot(advisor(name="Clara Rat"))


def book_url(slot_row):
    return f"/beratung/termin/{slot_row.pk}/"


def test_the_offers_list_free_slots_of_all_associations_grouped_by_day(
    client, free_slot, leipzig, django_assert_max_num_queries
):
    leipzig_slot = slot(advisor("leipzig", name="Lutz Leipziger"), days=8)
    taken = slot(free_slot.advisor, days=9)
    booking(taken)
    for _number in range(5):
        slot(free_slot.advisor, days=10 + _number)

    with django_assert_max_num_queries(10):
        page = client.get("/beratung/").content.decode()

    assert "Clara Rat" in page and "Lutz Leipziger" in page
    assert f"/beratung/termin/{free_slot.pk}/" in page
    assert f"/beratung/termin/{leipzig_slot.pk}/" in page
    assert f"/beratung/termin/{taken.pk}/" not in page
    local_day = timezone.localdate(free_slot.starts_at)
    assert f'id="day-{local_day:%Y-%m-%d}"' in page


def test_the_association_page_shows_only_its_own_slots(client, free_slot, leipzig):
    leipzig_slot = slot(advisor("leipzig", name="Lutz Leipziger"))
    page = client.get("/verbaende/chemnitz/beratung/").content.decode()
    assert f"/beratung/termin/{free_slot.pk}/" in page
    assert f"/beratung/termin/{leipzig_slot.pk}/" not in page


def test_filters_by_topic_and_mode_and_ignore_bad_values(client, free_slot):
    phone_slot = slot(free_slot.advisor, days=8, mode=Slot.Mode.PHONE, address="")
    page = client.get("/beratung/?art=phone").content.decode()
    assert f"/beratung/termin/{phone_slot.pk}/" in page
    assert f"/beratung/termin/{free_slot.pk}/" not in page

    page = client.get("/beratung/?thema=marketing").content.decode()
    assert f"/beratung/termin/{free_slot.pk}/" not in page

    response = client.get("/beratung/?thema=gibt-es-nicht&art=%00")
    assert response.status_code == 200
    assert f"/beratung/termin/{free_slot.pk}/" in response.content.decode()


def test_cancelled_slots_and_inactive_advisors_are_not_offered(client, free_slot):
    free_slot.is_cancelled = True
    free_slot.save()
    hidden = advisor(name="Hanna Weg", is_active=False)
    other = slot(hidden, days=8)
    page = client.get("/beratung/").content.decode()
    assert f"/beratung/termin/{free_slot.pk}/" not in page
    assert f"/beratung/termin/{other.pk}/" not in page
    assert "Hanna Weg" not in page


def test_booking_a_free_slot_confirms_and_queues_the_mails(client, free_slot, staff_chemnitz):
    response = client.post(book_url(free_slot), form_data())

    assert response.status_code == 302
    assert response["Location"] == "/beratung/gebucht/"
    booked = Booking.objects.get()
    assert booked.slot == free_slot
    assert booked.status == Booking.Status.BOOKED
    assert booked.consent_at is not None

    mails = {mail.kind: mail for mail in OutgoingMail.objects.all()}
    confirmation = mails["beratung/confirmation"]
    assert confirmation.to == ["berta@example.org"]
    assert confirmation.attachments[0]["filename"] == "beratung.ics"
    assert confirmation.attachments[0]["mimetype"] == "text/calendar"
    assert "BEGIN:VEVENT" in confirmation.attachments[0]["content"]
    assert "/beratung/buchung/" in confirmation.body
    assert QUESTION in confirmation.body

    reminder = mails["beratung/reminder"]
    assert reminder.send_after == free_slot.starts_at - dt.timedelta(hours=24)
    assert reminder.status == OutgoingMail.Status.QUEUED
    assert booked.reminder_mail == reminder

    feedback = mails["beratung/feedback_request"]
    assert feedback.send_after > free_slot.ends_at
    assert "/beratung/bewertung/" in feedback.body

    staff = mails["beratung/staff_booking"]
    assert "staff-chemnitz@example.org" in staff.to
    assert QUESTION in staff.body
    assert "berta@example.org" not in staff.to


def test_the_question_appears_on_no_public_page_and_in_no_mail_to_others(
    client, free_slot, staff_chemnitz, staff_leipzig
):
    client.post(book_url(free_slot), form_data())
    for url in ["/beratung/", "/verbaende/chemnitz/beratung/", book_url(free_slot)]:
        assert QUESTION not in client.get(url).content.decode()
    for mail in OutgoingMail.objects.all():
        if QUESTION in mail.body:
            assert set(mail.to) <= {"berta@example.org", "staff-chemnitz@example.org"} | (
                {free_slot.association.email} if free_slot.association.email else set()
            )


def test_the_booked_slot_is_no_longer_offered(client, free_slot):
    client.post(book_url(free_slot), form_data())
    assert f"/beratung/termin/{free_slot.pk}/" not in client.get("/beratung/").content.decode()


def test_a_taken_slot_answers_with_a_clear_message_and_saves_nothing(client, free_slot):
    booking(free_slot)
    mails = OutgoingMail.objects.count()

    response = client.post(book_url(free_slot), form_data(email="zweite@example.org"))

    assert response.status_code == 409
    assert str(services.SlotUnavailable.MESSAGES["taken"]) in response.content.decode()
    assert Booking.objects.count() == 1
    assert OutgoingMail.objects.count() == mails


def test_a_slot_taken_between_form_and_submit_saves_nothing(client, free_slot, monkeypatch):
    """The race the lock decides: the form view saw a free slot, the service did not."""
    from beratung import views

    monkeypatch.setattr(views, "_slot_to_book", lambda pk: Slot.objects.get(pk=pk))
    booking(free_slot)
    response = client.post(book_url(free_slot), form_data(email="zweite@example.org"))
    assert response.status_code == 409
    assert Booking.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "status", "reason"),
    [
        ("past", 410, "past"),
        ("cancelled", 410, "cancelled"),
        ("inactive", 410, "cancelled"),
        ("missing", 404, "missing"),
    ],
)
def test_a_slot_that_cannot_be_booked_explains_why(client, free_slot, change, status, reason):
    url = book_url(free_slot)
    if change == "past":
        Slot.objects.filter(pk=free_slot.pk).update(
            starts_at=timezone.now() - dt.timedelta(hours=1)
        )
    elif change == "cancelled":
        Slot.objects.filter(pk=free_slot.pk).update(is_cancelled=True)
    elif change == "inactive":
        free_slot.advisor.is_active = False
        free_slot.advisor.save()
    else:
        url = "/beratung/termin/999999/"

    for response in (client.get(url), client.post(url, form_data())):
        assert response.status_code == status
        assert str(services.SlotUnavailable.MESSAGES[reason]) in response.content.decode()
    assert not Booking.objects.exists()
    assert not OutgoingMail.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"question": "x" * 1001}, "question"),
        ({"name": "x" * 151}, "name"),
        ({"email": "keine-adresse"}, "email"),
        ({"consent": None}, "consent"),
        ({"topic": None}, "topic"),
        ({"topic": "999999"}, "topic"),
        ({"name": "Berta\x00Bucher"}, "name"),
    ],
)
def test_bad_input_is_refused_in_the_form_and_nothing_is_saved(client, free_slot, changes, field):
    response = client.post(book_url(free_slot), form_data(**changes))

    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not Booking.objects.exists()
    assert not OutgoingMail.objects.exists()


def test_a_topic_the_slot_does_not_offer_is_refused(client, free_slot):
    from beratung.models import Topic

    response = client.post(
        book_url(free_slot), form_data(topic=str(Topic.objects.get(slug="marketing").pk))
    )
    assert response.context["form"].errors["topic"]
    assert not Booking.objects.exists()


def test_a_phone_consultation_needs_a_phone_number(client, free_slot):
    phone_slot = slot(free_slot.advisor, days=8, mode=Slot.Mode.PHONE, address="")
    response = client.post(book_url(phone_slot), form_data())
    assert response.context["form"].errors["phone"]
    response = client.post(book_url(phone_slot), form_data(phone="0371 123456"))
    assert response.status_code == 302
    assert Booking.objects.get().phone == "0371 123456"


def test_a_filled_honeypot_looks_like_success_and_saves_nothing(client, free_slot):
    response = client.post(book_url(free_slot), form_data(homepage="http://spam.example"))
    assert response.status_code == 302
    assert not Booking.objects.exists()
    assert not OutgoingMail.objects.exists()


def test_many_bookings_from_one_client_are_limited(client, free_slot):
    slots = [slot(free_slot.advisor, days=8 + n) for n in range(11)]
    statuses = [
        client.post(book_url(s), form_data(email=f"b{n}@example.org")).status_code
        for n, s in enumerate(slots)
    ]
    assert statuses == [302] * 10 + [429]
    assert Booking.objects.count() == 10


def test_many_bookings_for_one_email_address_are_limited(client, free_slot):
    slots = [slot(free_slot.advisor, days=8 + n) for n in range(6)]
    statuses = [client.post(book_url(s), form_data()).status_code for s in slots]
    assert statuses == [302] * 5 + [429]
    assert Booking.objects.count() == 5


def test_logged_in_members_find_their_name_and_address_filled_in(client, free_slot, owner):
    client.force_login(owner)
    form = client.get(book_url(free_slot)).context["form"]
    assert form.initial["name"] == "Olga Owner"
    assert form.initial["email"] == "owner@example.org"


def test_the_booking_form_is_german_and_marks_consent(client, free_slot):
    page = client.get(book_url(free_slot)).content.decode()
    assert 'lang="de"' in page
    assert 'name="consent"' in page
    assert 'name="homepage"' in page
    assert "csrfmiddlewaretoken" in page


def test_an_english_booking_gets_english_mails_and_staff_german_ones(
    client, free_slot, staff_chemnitz
):
    client.post("/en" + book_url(free_slot), form_data())
    booked = Booking.objects.get()
    assert booked.language == "en"
    confirmation = OutgoingMail.objects.get(kind="beratung/confirmation")
    assert "/en/beratung/buchung/" in confirmation.body


def test_the_done_page_says_to_look_for_the_mail(client, reference_data):
    page = client.get("/beratung/gebucht/").content.decode()
    assert str(_("Appointment booked")) in page


def test_the_privacy_page_mentions_consultation_bookings(client, reference_data):
    page = client.get("/datenschutz/").content.decode()
    assert "Beratungstermine" in page
    assert "Sechs Monate nach dem" in page
