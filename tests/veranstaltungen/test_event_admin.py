"""Staff edit only their own association's events; the Landesverband edits all of them.
The admin form refuses bad input in German and stores nothing."""

import datetime as dt

import pytest
from django.utils import timezone

from konten.models import User
from tests.veranstaltungen.factories import EventFactory
from veranstaltungen.models import Event
from verbaende.models import Association

CHANGELIST = "/admin/veranstaltungen/event/"
ADD = "/admin/veranstaltungen/event/add/"
LOGIN = "/admin/login/"


@pytest.fixture
def superuser(reference_data):
    return User.objects.create_superuser(email="admin@example.org", password="x-long-password-1")


@pytest.fixture
def roles(owner, staff_chemnitz, staff_dresden, staff_landesverband, superuser):
    return {
        "anonymous": None,
        "member": owner,
        "chemnitz": staff_chemnitz,
        "dresden": staff_dresden,
        "landesverband": staff_landesverband,
        "superuser": superuser,
    }


@pytest.fixture
def chemnitz_event(chemnitz):
    return EventFactory(title="Kreativstammtisch Chemnitz", association=chemnitz)


def urls(event):
    base = f"{CHANGELIST}{event.pk}"
    return {
        "changelist": CHANGELIST,
        "add": ADD,
        "change": f"{base}/change/",
        "history": f"{base}/history/",
        "delete": f"{base}/delete/",
    }


OWN = {"chemnitz": 200, "dresden": 404, "landesverband": 200, "superuser": 200}
EVERY_STAFF = {"chemnitz": 200, "dresden": 200, "landesverband": 200, "superuser": 200}
LADDER = [
    ("changelist", EVERY_STAFF),
    ("add", EVERY_STAFF),
    ("change", OWN),
    ("history", OWN),
    ("delete", OWN),
]


@pytest.mark.parametrize(("page", "expected"), LADDER, ids=[page for page, _ in LADDER])
@pytest.mark.parametrize(
    "role", ["anonymous", "member", "chemnitz", "dresden", "landesverband", "superuser"]
)
def test_the_permission_ladder(client_for, roles, chemnitz_event, page, expected, role):
    url = urls(chemnitz_event)[page]
    response = client_for(roles[role]).get(url)
    if role in ("anonymous", "member"):
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN)
    else:
        assert response.status_code == expected[role]


def test_other_associations_events_are_absent_from_the_change_list(
    client_for, chemnitz_event, staff_dresden, staff_chemnitz, staff_landesverband, dresden
):
    EventFactory(title="Salon in Dresden", association=dresden)
    dresden_list = client_for(staff_dresden).get(CHANGELIST).content.decode()
    assert "Salon in Dresden" in dresden_list
    assert "Kreativstammtisch Chemnitz" not in dresden_list
    state_list = client_for(staff_landesverband).get(CHANGELIST).content.decode()
    assert "Salon in Dresden" in state_list
    assert "Kreativstammtisch Chemnitz" in state_list


def test_regional_staff_cannot_delete_another_associations_event(
    client_for, chemnitz_event, staff_dresden
):
    response = client_for(staff_dresden).post(
        f"{CHANGELIST}{chemnitz_event.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 404
    assert Event.objects.filter(pk=chemnitz_event.pk).exists()


def form_data(association, **changes):
    data = {
        "association": association.pk,
        "title": "Workshop Urheberrecht für Kreative",
        "slug": "",
        "kind": "workshop",
        "status": "published",
        "starts_at_0": "2030-07-02",
        "starts_at_1": "18:00",
        "ends_at_0": "2030-07-02",
        "ends_at_1": "20:30",
        "teaser": "Wem gehören Entwurf, Foto und Song?",
        "description": "Mit **vielen** Beispielen.",
        "venue_name": "Wirkbau",
        "street_address": "Annaberger Straße 73",
        "postal_code": "09111",
        "city": "Chemnitz",
        "accessibility": "step-free",
        "accessibility_note": "",
        "online_url": "",
        "registration_url": "",
        "registration_note": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_staff_add_an_event_through_the_admin(client_for, staff_chemnitz, chemnitz):
    response = client_for(staff_chemnitz).post(ADD, form_data(chemnitz))
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = Event.objects.get()
    assert event.association == chemnitz
    assert event.slug == "workshop-urheberrecht-fuer-kreative"
    # Staff type Berlin wall-clock time; it is stored as that moment.
    start = timezone.localtime(event.starts_at)
    assert (start.hour, start.minute, start.utcoffset()) == (18, 0, dt.timedelta(hours=2))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ends_at_0": "2030-07-01"}, "Das Ende muss nach dem Beginn liegen."),
        ({"starts_at_0": "1900-07-02"}, "Bitte geben Sie ein Datum ab dem Jahr 2000 ein."),
        (
            {"starts_at_0": "2200-07-02", "ends_at_0": "2200-07-02"},
            "Bitte geben Sie ein Datum ein, das höchstens zehn Jahre in der Zukunft liegt.",
        ),
        (
            {"venue_name": ""},
            "Eine Veranstaltung vor Ort braucht den Namen des Veranstaltungsorts.",
        ),
        ({"city": ""}, "Eine Veranstaltung vor Ort braucht den Ort, an dem sie stattfindet."),
        ({"is_online": "on"}, "Eine Online-Veranstaltung braucht die Adresse des Online-Treffens."),
        ({"title": "<script>alert(1)</script>"}, "Bitte geben Sie Text ohne HTML-Tags"),
        ({"registration_note": "<b>fett</b>"}, "Bitte geben Sie Text ohne HTML-Tags"),
        ({"starts_at_0": "99999-01-01"}, "Bitte ein gültiges Datum eingeben."),
        ({"registration_url": "javascript:alert(1)"}, "Bitte eine gültige Adresse eingeben."),
    ],
)
def test_bad_input_is_refused_in_german_and_nothing_is_stored(
    client_for, staff_landesverband, chemnitz, changes, message
):
    response = client_for(staff_landesverband).post(ADD, form_data(chemnitz, **changes))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "<script>alert(1)</script>" not in html
    assert not Event.objects.exists()


def test_regional_staff_cannot_file_an_event_under_another_association(
    client_for, staff_chemnitz, chemnitz, dresden
):
    response = client_for(staff_chemnitz).post(ADD, form_data(dresden))
    assert not Event.objects.filter(association=dresden).exists()
    if response.status_code == 302:
        assert Event.objects.get().association == chemnitz
    else:
        assert response.status_code == 200
        assert "Bitte eine gültige Auswahl treffen." in response.content.decode()
        assert not Event.objects.exists()


def test_regional_staff_only_see_their_own_association_in_the_form(client_for, staff_chemnitz):
    form = client_for(staff_chemnitz).get(ADD).context["adminform"].form
    assert list(form.fields["association"].queryset) == [Association.objects.get(slug="chemnitz")]
    assert form.initial["association"] == staff_chemnitz.association_id


def test_the_landesverband_may_organise_events_too(client_for, staff_landesverband, landesverband):
    response = client_for(staff_landesverband).post(ADD, form_data(landesverband))
    assert response.status_code == 302
    assert Event.objects.get().association == landesverband


def test_cancelling_from_the_change_list_raises_the_sequence(
    client_for, staff_chemnitz, chemnitz_event
):
    response = client_for(staff_chemnitz).post(
        CHANGELIST,
        {"action": "cancel_events", "_selected_action": [chemnitz_event.pk]},
    )
    assert response.status_code == 302
    chemnitz_event.refresh_from_db()
    assert chemnitz_event.is_cancelled
    assert chemnitz_event.sequence == 1


def test_the_change_form_links_to_the_public_page_once_published(
    client_for, staff_chemnitz, chemnitz_event
):
    client = client_for(staff_chemnitz)
    change = f"{CHANGELIST}{chemnitz_event.pk}/change/"
    assert chemnitz_event.get_absolute_url() in client.get(change).content.decode()
    chemnitz_event.status = Event.Status.DRAFT
    chemnitz_event.save()
    assert f'href="{chemnitz_event.get_absolute_url()}"' not in client.get(change).content.decode()
