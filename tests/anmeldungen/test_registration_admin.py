"""Staff side of registrations: settings in the event admin, participant list, check-in list,
CSV export, attendance, feedback averages. Each staff view with its permission ladder:
anonymous and members go to the login, staff of another association get 404, the
organising association's staff and the Landesverband get the page."""

import csv
import io

import pytest
from django.utils import timezone
from django.utils.translation import gettext as _

from anmeldungen.models import Feedback, Registration, RegistrationSettings
from tests.anmeldungen.registration_data import event_with_registration, registration
from tests.veranstaltungen.factories import EventFactory

pytestmark = pytest.mark.django_db

LOGIN = 302
LADDER = {
    "anonymous": LOGIN,
    "member": LOGIN,
    "dresden": 404,
    "leipzig": 404,
    "chemnitz": 200,
    "landesverband": 200,
}


@pytest.fixture
def scene(reference_data):
    """A Chemnitz event with two participants, one waiting, and a Leipzig event."""
    chemnitz_event = event_with_registration(
        capacity=2, ask_dietary_needs=True, question_1="Welches Thema?"
    )
    leipzig_event = event_with_registration(association="leipzig")
    return {
        "event": chemnitz_event,
        "rita": registration(chemnitz_event, name="Rita Register", dietary_needs="vegan"),
        "carl": registration(chemnitz_event, name="Carl Comma", answer_1="=HYPERLINK(1)"),
        "wanda": registration(chemnitz_event, name="Wanda Wait", status="waitlisted"),
        "leipzig_event": leipzig_event,
        "lena": registration(leipzig_event, name="Lena Leipzig"),
    }


def get(client_for, roles, role, url):
    response = client_for(roles[role]).get(url)
    if LADDER[role] == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
    else:
        assert response.status_code == LADDER[role], (role, url)
    return response


@pytest.mark.parametrize("role", LADDER)
def test_the_check_in_list_ladder(client_for, roles, scene, role):
    response = get(
        client_for, roles, role, f"/admin/anmeldungen/registration/checkin/{scene['event'].pk}/"
    )
    if response.status_code == 200:
        page = response.content.decode()
        assert "Rita Register" in page
        assert "vegan" in page
        assert "checkin-print.css" in page
        assert "Lena Leipzig" not in page
        # The waiting list is listed apart from the participants.
        assert page.index("Wanda Wait") > page.index("Carl Comma")


@pytest.mark.parametrize("role", LADDER)
def test_the_csv_export_ladder(client_for, roles, scene, role):
    response = get(
        client_for, roles, role, f"/admin/anmeldungen/registration/csv/{scene['event'].pk}/"
    )
    if response.status_code == 200:
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        rows = list(
            csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff")), delimiter=";")
        )
        names = [row[1] for row in rows[1:]]
        assert names == ["Rita Register", "Carl Comma", "Wanda Wait"]
        # Formula injection: a cell starting with "=" becomes text.
        assert "'=HYPERLINK(1)" in [row[7] for row in rows[1:]]
        assert "rita@example.net" in response.content.decode()


@pytest.mark.parametrize("role", LADDER)
def test_the_participant_list_ladder(client_for, roles, scene, role):
    response = client_for(roles[role]).get("/admin/anmeldungen/registration/")
    if LADDER[role] == LOGIN:
        assert response.status_code == 302
        return
    # Every staff member has the list; it holds their association's registrations only.
    assert response.status_code == 200
    page = response.content.decode()
    assert ("Rita Register" in page) is (role in {"chemnitz", "landesverband"})
    assert ("Lena Leipzig" in page) is (role in {"leipzig", "landesverband"})


@pytest.mark.parametrize("role", LADDER)
def test_the_registration_change_page_ladder(client_for, roles, scene, role):
    response = get(
        client_for, roles, role, f"/admin/anmeldungen/registration/{scene['rita'].pk}/change/"
    )
    if response.status_code == 200:
        assert "vegan" in response.content.decode()


@pytest.mark.parametrize("role", ["dresden", "leipzig"])
def test_search_and_event_filter_do_not_leak(client_for, roles, scene, role):
    client = client_for(roles["dresden"])
    for query in ["?q=Rita", f"?event={scene['event'].pk}", "?q=example.net"]:
        page = client.get(f"/admin/anmeldungen/registration/{query}").content.decode()
        assert "Rita Register" not in page
    # The event filter offers only the own association's events.
    page = client_for(roles["leipzig"]).get("/admin/anmeldungen/registration/").content.decode()
    assert scene["event"].title not in page


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", LOGIN), ("member", LOGIN), ("dresden", 404), ("chemnitz", 302)],
)
def test_marking_attendance_at_the_door(client_for, roles, scene, role, status):
    url = f"/admin/anmeldungen/registration/checkin/{scene['event'].pk}/"
    response = client_for(roles[role]).post(
        url, {"registration": scene["rita"].pk, "attended": "1"}
    )
    assert response.status_code == status
    scene["rita"].refresh_from_db()
    assert scene["rita"].attended is (role == "chemnitz")


def test_the_waiting_cannot_be_marked_as_attended(client_for, roles, scene):
    url = f"/admin/anmeldungen/registration/checkin/{scene['event'].pk}/"
    response = client_for(roles["chemnitz"]).post(
        url, {"registration": scene["wanda"].pk, "attended": "1"}
    )
    assert response.status_code == 404


def test_the_action_marks_attended_only_the_own_rows(client_for, roles, scene):
    client = client_for(roles["chemnitz"])
    client.post(
        "/admin/anmeldungen/registration/",
        {
            "action": "mark_attended",
            "_selected_action": [scene["rita"].pk, scene["lena"].pk],
        },
    )
    attended = set(Registration.objects.filter(attended=True).values_list("name", flat=True))
    assert attended == {"Rita Register"}


def test_staff_cancel_a_registration_and_the_waiting_list_moves_up(client_for, roles, scene):
    client_for(roles["chemnitz"]).post(
        "/admin/anmeldungen/registration/",
        {"action": "cancel_registrations", "_selected_action": [scene["rita"].pk]},
    )
    scene["wanda"].refresh_from_db()
    assert scene["wanda"].status == Registration.Status.CONFIRMED


def event_form_data(client, url, event):
    form = client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        # An image field is posted only with a new upload.
        if value is not None and name not in {"submarkets", "starts_at", "ends_at", "image"}
    }
    starts = timezone.localtime(event.starts_at)
    ends = timezone.localtime(event.ends_at)
    return data | {
        "association": event.association_id,
        "starts_at_0": starts.strftime("%d.%m.%Y"),
        "starts_at_1": starts.strftime("%H:%M:%S"),
        "ends_at_0": ends.strftime("%d.%m.%Y"),
        "ends_at_1": ends.strftime("%H:%M:%S"),
    }


def test_an_event_post_without_the_inline_leaves_the_settings_alone(client_for, roles, scene):
    event = scene["event"]
    client = client_for(roles["chemnitz"])
    url = f"/admin/veranstaltungen/event/{event.pk}/change/"

    response = client.post(url, event_form_data(client, url, event) | {"title": "Neuer Titel"})

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Neuer Titel"
    assert RegistrationSettings.objects.get(event=event).capacity == 2


def test_the_event_admin_edits_the_registration_settings_inline(client_for, roles, chemnitz):
    event = EventFactory()
    client = client_for(roles["chemnitz"])
    url = f"/admin/veranstaltungen/event/{event.pk}/change/"
    data = event_form_data(client, url, event)
    data.update(
        {
            "registration_settings-TOTAL_FORMS": "1",
            "registration_settings-INITIAL_FORMS": "0",
            "registration_settings-MIN_NUM_FORMS": "0",
            "registration_settings-MAX_NUM_FORMS": "1",
            "registration_settings-0-is_open": "on",
            "registration_settings-0-capacity": "12",
            "registration_settings-0-question_1": "Welches Thema?",
        }
    )
    response = client.post(url, data)

    assert response.status_code == 302, (
        response.context and response.context["adminform"].form.errors
    )
    settings = RegistrationSettings.objects.get(event=event)
    assert (settings.capacity, settings.question_1) == (12, "Welches Thema?")
    change_page = client.get(url).content.decode()
    assert _("Check-in list") in change_page
    assert _("Registrations are deleted automatically on %(date)s.").split("%")[0] in change_page


def test_staff_of_another_association_cannot_open_the_event_with_its_settings(
    client_for, roles, scene
):
    response = client_for(roles["dresden"]).get(
        f"/admin/veranstaltungen/event/{scene['event'].pk}/change/"
    )
    assert response.status_code == 404


@pytest.mark.parametrize("role", LADDER)
def test_the_feedback_averages_are_scoped(client_for, roles, scene, role):
    Feedback.objects.create(event=scene["event"], rating=4)
    Feedback.objects.create(event=scene["event"], rating=5, comment="Toll")
    Feedback.objects.create(event=scene["leipzig_event"], rating=1, comment="Leipziger Kritik")
    response = client_for(roles[role]).get("/admin/anmeldungen/feedback/")
    if LADDER[role] == LOGIN:
        assert response.status_code == 302
        return
    assert response.status_code == 200
    page = response.content.decode()
    assert ("4,5" in page or "4.5" in page) is (role in {"chemnitz", "landesverband"})
    assert ("Leipziger Kritik" in page) is (role in {"leipzig", "landesverband"})
    if role == "landesverband":
        assert "3,3" in page or "3.3" in page


def test_the_participant_list_shows_the_deletion_date(client_for, roles, scene):
    page = client_for(roles["chemnitz"]).get("/admin/anmeldungen/registration/").content.decode()
    deleted_on = scene["rita"].deleted_on
    assert str(deleted_on.year) in page
    assert (deleted_on - timezone.localdate(scene["event"].ends_at)).days >= 180


def test_the_participant_list_keeps_its_queries_few(
    client_for, roles, scene, django_assert_max_num_queries
):
    for number in range(30):
        registration(
            scene["event"],
            name=f"Person {number}",
            email=f"person{number}@example.net",
            status="waitlisted",
        )
    client = client_for(roles["chemnitz"])
    # Session, user, permissions, association, counts, the page of rows, the date drill-down:
    # the same for 3 rows as for 33.
    with django_assert_max_num_queries(16):
        client.get("/admin/anmeldungen/registration/")
    with django_assert_max_num_queries(13):
        client.get(f"/admin/anmeldungen/registration/checkin/{scene['event'].pk}/")
