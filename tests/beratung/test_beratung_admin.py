"""Staff views of the consultations, each with its permission ladder: anonymous visitors and
members go to the admin login, staff of another association see nothing of Chemnitz,
Chemnitz staff and the Landesverband see and change it."""

import csv
import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import formats, timezone

from beratung.models import Booking, Feedback, Slot
from postausgang.models import OutgoingMail
from tests.beratung.beratung_data import advisor, booking, slot

LOGIN = "/admin/login/"
SERIES = "/admin/beratung/slot/serie/"
DAY_LIST = "/admin/beratung/booking/tagesliste/"
BOOKINGS = "/admin/beratung/booking/"
ADVISORS = "/admin/beratung/advisor/"


@pytest.fixture
def scene(chemnitz, leipzig):
    clara = advisor(name="Clara Rat")
    chemnitz_booking = booking(slot(clara, days=1), name="Berta Chemnitz")
    lutz = advisor("leipzig", name="Lutz Leipziger")
    leipzig_booking = booking(slot(lutz, days=1, hour=15), name="Ludwig Leipzig")
    return {
        "clara": clara,
        "lutz": lutz,
        "chemnitz_booking": chemnitz_booking,
        "leipzig_booking": leipzig_booking,
    }


def series_data(advisor_row, **changes):
    data = {
        "advisor": advisor_row.pk,
        "weekday": "1",
        "first_day": (timezone.localdate() + dt.timedelta(days=1)).isoformat(),
        "weeks": "8",
        "start_time": "14:00",
        "end_time": "17:00",
        "duration": "45",
        "mode": "in_person",
        "address": "Wirkbau, Chemnitz",
        "accessibility_note": "Stufenlos",
        "topics": [],
    }
    data.update(changes)
    return data


# Series -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["anonymous", "member"])
def test_the_series_page_sends_visitors_and_members_to_the_login(client_for, roles, role):
    response = client_for(roles[role]).post(SERIES, {})
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


@pytest.mark.parametrize(
    ("role", "created"),
    [("chemnitz", 32), ("landesverband", 32), ("superuser", 32), ("dresden", 0), ("leipzig", 0)],
)
def test_a_series_creates_slots_only_for_advisors_the_staff_member_sees(
    client_for, roles, scene, role, created
):
    before = Slot.objects.count()
    response = client_for(roles[role]).post(SERIES, series_data(scene["clara"]))
    assert Slot.objects.count() - before == created
    if created:
        assert response.status_code == 302
    else:
        assert response.status_code == 200
        assert response.context["form"].errors["advisor"]


def test_a_series_of_tuesday_afternoons_skips_what_exists(client_for, roles, scene):
    client = client_for(roles["chemnitz"])
    client.post(SERIES, series_data(scene["clara"]))
    slots = Slot.objects.filter(advisor=scene["clara"], address="Wirkbau, Chemnitz")
    assert slots.count() == 32
    starts = [timezone.localtime(s.starts_at) for s in slots]
    assert {s.weekday() for s in starts} == {1}
    assert {s.strftime("%H:%M") for s in starts} == {"14:00", "14:45", "15:30", "16:15"}
    assert all(s.association_id == scene["clara"].association_id for s in slots)

    response = client.post(SERIES, series_data(scene["clara"]), follow=True)
    assert slots.count() == 32
    assert "32" in response.content.decode()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"end_time": "13:00"}, "end_time"),
        ({"weeks": "500"}, "weeks"),
        ({"duration": "5"}, "duration"),
        ({"first_day": "morgen"}, "first_day"),
        ({"address": ""}, "address"),
        ({"address": "x" * 301}, "address"),
        ({"weekday": "9"}, "weekday"),
    ],
)
def test_a_bad_series_is_refused_and_creates_nothing(client_for, roles, scene, changes, field):
    before = Slot.objects.count()
    response = client_for(roles["chemnitz"]).post(SERIES, series_data(scene["clara"], **changes))
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert Slot.objects.count() == before


# Day list ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status", "sees_chemnitz", "sees_leipzig"),
    [
        ("anonymous", 302, False, False),
        ("member", 302, False, False),
        ("dresden", 200, False, False),
        ("chemnitz", 200, True, False),
        ("leipzig", 200, False, True),
        ("landesverband", 200, True, True),
    ],
)
def test_the_day_list_shows_only_the_own_association(
    client_for, roles, scene, role, status, sees_chemnitz, sees_leipzig
):
    day = timezone.localdate(scene["chemnitz_booking"].slot.starts_at)
    response = client_for(roles[role]).get(f"{DAY_LIST}?datum={day.isoformat()}")
    assert response.status_code == status
    page = response.content.decode()
    assert ("Berta Chemnitz" in page) is sees_chemnitz
    assert ("Ludwig Leipzig" in page) is sees_leipzig
    if sees_chemnitz:
        assert "Wie melde ich mich bei der KSK an?" in page
        assert "css/beratung-day-list.css" in page


def test_the_day_list_survives_a_bad_date(client_for, roles, scene):
    response = client_for(roles["chemnitz"]).get(f"{DAY_LIST}?datum=gestern%00")
    assert response.status_code == 200
    assert response.context["notice"]
    assert response.context["day"] == timezone.localdate()


# Bookings: marking, CSV export ------------------------------------------------------------


def _action(client, action, bookings):
    return client.post(BOOKINGS, {"action": action, "_selected_action": [b.pk for b in bookings]})


def _begun(booking_row):
    Slot.objects.filter(pk=booking_row.slot_id).update(
        starts_at=timezone.now() - dt.timedelta(hours=1)
    )


def test_staff_mark_attended_and_no_show_after_the_start(client_for, roles, scene):
    chemnitz_booking = scene["chemnitz_booking"]
    client = client_for(roles["chemnitz"])
    _action(client, "mark_attended", [chemnitz_booking])
    chemnitz_booking.refresh_from_db()
    assert chemnitz_booking.status == Booking.Status.BOOKED  # not begun yet

    _begun(chemnitz_booking)
    _action(client, "mark_no_show", [chemnitz_booking])
    chemnitz_booking.refresh_from_db()
    assert chemnitz_booking.status == Booking.Status.NO_SHOW
    # No feedback request to someone who did not come.
    assert not OutgoingMail.objects.filter(pk=chemnitz_booking.feedback_mail_id).exists()

    _action(client, "mark_attended", [chemnitz_booking])
    chemnitz_booking.refresh_from_db()
    assert chemnitz_booking.status == Booking.Status.ATTENDED


def test_staff_of_another_association_cannot_mark_a_booking(client_for, roles, scene):
    chemnitz_booking = scene["chemnitz_booking"]
    _begun(chemnitz_booking)
    _action(client_for(roles["dresden"]), "mark_attended", [chemnitz_booking])
    chemnitz_booking.refresh_from_db()
    assert chemnitz_booking.status == Booking.Status.BOOKED


def test_staff_cancel_a_booking_and_the_booker_hears_of_it(client_for, roles, scene):
    chemnitz_booking = scene["chemnitz_booking"]
    _action(client_for(roles["chemnitz"]), "cancel_bookings", [chemnitz_booking])
    chemnitz_booking.refresh_from_db()
    assert chemnitz_booking.status == Booking.Status.CANCELLED
    assert OutgoingMail.objects.filter(kind="beratung/cancelled", to=["berta@example.org"])


def _csv_rows(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))


@pytest.mark.parametrize(
    ("role", "names"),
    [
        ("chemnitz", ["Berta Chemnitz"]),
        ("leipzig", ["Ludwig Leipzig"]),
        ("dresden", []),
        ("landesverband", ["Berta Chemnitz", "Ludwig Leipzig"]),
    ],
)
def test_the_csv_export_contains_only_the_own_association(client_for, roles, scene, role, names):
    response = _action(client_for(roles[role]), "export_csv", Booking.objects.all())
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = _csv_rows(response)
    assert sorted(row[6] for row in rows[1:]) == names


@pytest.mark.parametrize("role", ["anonymous", "member"])
def test_the_csv_export_needs_staff(client_for, roles, scene, role):
    response = _action(client_for(roles[role]), "export_csv", Booking.objects.all())
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_the_csv_export_defuses_spreadsheet_formulas(client_for, roles, scene):
    Booking.objects.filter(pk=scene["chemnitz_booking"].pk).update(
        name="=HYPERLINK(1)", question="+SUM(A1)", phone="-1", email="@x"
    )
    rows = _csv_rows(
        _action(client_for(roles["chemnitz"]), "export_csv", [scene["chemnitz_booking"]])
    )
    row = rows[1]
    assert "'=HYPERLINK(1)" in row
    assert "'+SUM(A1)" in row
    assert "'-1" in row


def test_staff_see_when_a_booking_is_deleted(client_for, roles, scene):
    page = client_for(roles["chemnitz"]).get(BOOKINGS).content.decode()
    deletion = scene["chemnitz_booking"].deletion_date
    starts = scene["chemnitz_booking"].slot.starts_at
    assert deletion == timezone.localdate(starts + dt.timedelta(days=183))
    assert formats.date_format(deletion) in page


# Feedback averages ------------------------------------------------------------------------


def test_advisor_averages_are_shown_to_the_own_association_only(client_for, roles, scene):
    for rating in (5, 4, 4):
        Feedback.objects.create(
            association=scene["clara"].association, advisor=scene["clara"], rating=rating
        )
    page = client_for(roles["chemnitz"]).get(ADVISORS).content.decode()
    assert "4,3" in page
    assert "Lutz Leipziger" not in page
    page = client_for(roles["leipzig"]).get(ADVISORS).content.decode()
    assert "Clara Rat" not in page and "4,3" not in page
    page = client_for(roles["landesverband"]).get(ADVISORS).content.decode()
    assert "Clara Rat" in page and "Lutz Leipziger" in page


def test_feedback_lists_are_scoped(client_for, roles, scene):
    Feedback.objects.create(
        association=scene["clara"].association, advisor=scene["clara"], rating=2, comment="Zu kurz"
    )
    assert (
        "Zu kurz" in client_for(roles["chemnitz"]).get("/admin/beratung/feedback/").content.decode()
    )
    assert (
        "Zu kurz"
        not in client_for(roles["dresden"]).get("/admin/beratung/feedback/").content.decode()
    )


# Purge ------------------------------------------------------------------------------------


def test_purge_bookings_deletes_only_bookings_past_the_retention_time(scene, settings):
    settings.BOOKING_RETENTION_DAYS = 30
    old = scene["chemnitz_booking"]
    Slot.objects.filter(pk=old.slot_id).update(starts_at=timezone.now() - dt.timedelta(days=31))
    Slot.objects.filter(pk=scene["leipzig_booking"].slot_id).update(
        starts_at=timezone.now() - dt.timedelta(days=29)
    )
    out = io.StringIO()
    call_command("purge_bookings", stdout=out)
    assert not Booking.objects.filter(pk=old.pk).exists()
    assert Booking.objects.filter(pk=scene["leipzig_booking"].pk).exists()
    assert "1" in out.getvalue()
