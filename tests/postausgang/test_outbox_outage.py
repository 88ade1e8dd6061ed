"""An SMTP outage delays mail; it never loses one or turns a saved action into an error.

Every action of the site that sends mail, with the mail server down: the answer is the
normal one, the change is saved, the mail waits in the outbox; once the server is back
and its time has come, it is sent exactly once. With the immediate backend (development)
the first attempt fails inside the request and the sweep retries it; with the database
queue (production) the request does not touch the mail server at all and the worker
retries. Transactional tests: the mail is handed over after a real commit, as in
production.
"""

import io

import pytest
from django.contrib import messages
from django.core import mail
from django.core.management import call_command

from konten.models import Invitation
from mitglieder.membership import CONFIRM_DUPLICATE
from mitglieder.models import MembershipRequest, Profile
from postausgang.delivery import retry_delay
from postausgang.models import OutgoingMail
from teilmaerkte.models import Discipline
from tests.postausgang.task_queue import make_waiting_tasks_due, run_worker
from tests.profile_forms import edit_data
from verbaende.models import Municipality

pytestmark = pytest.mark.django_db(transaction=True)

Status = OutgoingMail.Status
MESSAGE = "Guten Tag, wir suchen ein Plakat für unser Sommerfest im Juli."


def request_membership(client, owner, owned_profile, staff_chemnitz, superuser):
    data = {
        "name": "Grafikbüro Zwickau",
        "kind": "company",
        "contact_name": "Zora Zwick",
        "email": "zora@example.org",
        "municipality": Municipality.objects.get(slug="zwickau").pk,
        "disciplines": [Discipline.objects.get(slug="kommunikationsdesign").pk],
        "message": "Wir gestalten Bücher und Plakate.",
        # The owner's address shares the domain: past the duplicate notice.
        CONFIRM_DUPLICATE: "1",
    }
    response = client.post("/mitglied-werden/", data)
    assert response.status_code == 302
    assert response["Location"] == "/mitglied-werden/danke/"
    membership = MembershipRequest.objects.get()
    assert membership.name == "Grafikbüro Zwickau"
    # The association's office and its staff (Zwickau belongs to Chemnitz).
    return sorted({membership.association.email, "staff-chemnitz@example.org"})


def invite_an_editor(client, owner, owned_profile, staff_chemnitz, superuser):
    client.force_login(superuser)
    response = client.post(
        f"/admin/mitglieder/profile/{owned_profile.pk}/einladen/", {"email": "neu@example.org"}
    )
    assert response.status_code == 302
    assert Invitation.objects.get().user.email == "neu@example.org"
    return ["neu@example.org"]


def hide_a_profile(client, owner, owned_profile, staff_chemnitz, superuser):
    client.force_login(staff_chemnitz)
    response = client.post(
        "/admin/moderation/moderationqueue/entscheiden/",
        {
            "target": "profile",
            "pk": owned_profile.pk,
            "decision": "hide",
            "reason": "Spam",
            "next": "/admin/moderation/moderationqueue/",
        },
    )
    assert response.status_code == 302
    assert Profile.objects.get(pk=owned_profile.pk).status == Profile.Status.HIDDEN
    return ["owner@example.org"]


def write_to_a_member(client, owner, owned_profile, staff_chemnitz, superuser):
    response = client.post(
        f"/mitglieder/{owned_profile.slug}/kontakt/",
        {"sender_name": "Bea Beispiel", "sender_email": "bea@example.net", "message": MESSAGE},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/mitglieder/{owned_profile.slug}/"
    return ["owner@example.org"]


def ask_for_a_new_password(client, owner, owned_profile, staff_chemnitz, superuser):
    response = client.post("/konto/passwort-vergessen/", {"email": "owner@example.org"})
    assert response.status_code == 302
    return ["owner@example.org"]


def change_the_contact_address(client, owner, owned_profile, staff_chemnitz, superuser):
    client.force_login(owner)
    response = client.post(
        f"/mein-profil/{owned_profile.pk}/bearbeiten/",
        edit_data(owned_profile, contact_email="buero@olga.example.org"),
    )
    assert response.status_code == 302
    assert Profile.objects.get(pk=owned_profile.pk).contact_email == "buero@olga.example.org"
    return ["buero@olga.example.org"]


ACTIONS = [
    request_membership,
    invite_an_editor,
    hide_a_profile,
    write_to_a_member,
    ask_for_a_new_password,
    change_the_contact_address,
]


@pytest.fixture
def scene(client, owner, owned_profile, staff_chemnitz, superuser):
    return {
        "client": client,
        "owner": owner,
        "owned_profile": owned_profile,
        "staff_chemnitz": staff_chemnitz,
        "superuser": superuser,
    }


def sweep():
    call_command("send_queued_mail", stdout=io.StringIO())


@pytest.mark.parametrize("action", ACTIONS, ids=[action.__name__ for action in ACTIONS])
def test_with_the_immediate_backend_the_sweep_sends_it_later(action, scene, mail_server):
    mail_server.go_down()

    recipients = action(**scene)

    stored = OutgoingMail.objects.get()
    assert stored.to == recipients
    assert (stored.status, stored.attempts) == (Status.FAILED, 1)
    assert "SMTPServerDisconnected" in stored.last_error
    assert mail.outbox == []

    mail_server.come_back()
    sweep()
    assert mail.outbox == []  # Its pause is not over yet.
    OutgoingMail.objects.update(claimed_at=stored.claimed_at - retry_delay(1))
    sweep()
    sweep()

    stored.refresh_from_db()
    assert (stored.status, stored.attempts) == (Status.SENT, 2)
    [message] = mail.outbox
    assert message.to == recipients


@pytest.mark.parametrize("action", ACTIONS, ids=[action.__name__ for action in ACTIONS])
def test_with_the_database_queue_the_worker_sends_it_later(
    action, scene, mail_server, database_queue
):
    mail_server.go_down()

    recipients = action(**scene)

    # The request only stored the mail and its task.
    stored = OutgoingMail.objects.get()
    assert (stored.status, stored.attempts) == (Status.QUEUED, 0)

    run_worker()
    stored.refresh_from_db()
    assert (stored.status, stored.attempts) == (Status.FAILED, 1)

    mail_server.come_back()
    make_waiting_tasks_due()
    run_worker()
    sweep()
    run_worker()

    stored.refresh_from_db()
    assert (stored.status, stored.attempts) == (Status.SENT, 2)
    [message] = mail.outbox
    assert message.to == recipients


@pytest.mark.parametrize(
    ("backend", "warnings"),
    [
        ("django.tasks.backends.immediate.ImmediateBackend", 1),
        ("django_tasks_db.DatabaseBackend", 0),
    ],
)
def test_staff_are_warned_only_of_a_failure_inside_their_request(
    client, owned_profile, staff_chemnitz, mail_server, settings, backend, warnings
):
    """With the immediate backend the attempt fails while staff wait for the answer; with
    the database queue nothing has been tried yet, so nothing is said (the outbox admin
    lists failures, the worker retries)."""
    settings.TASKS = {"default": {"BACKEND": backend}}
    mail_server.go_down()
    client.force_login(staff_chemnitz)

    response = client.post(
        "/admin/moderation/moderationqueue/entscheiden/",
        {
            "target": "profile",
            "pk": owned_profile.pk,
            "decision": "hide",
            "reason": "Spam",
            "next": "/admin/moderation/moderationqueue/",
        },
        follow=True,
    )

    assert response.status_code == 200
    assert Profile.objects.get(pk=owned_profile.pk).status == Profile.Status.HIDDEN
    shown = [m for m in response.context["messages"] if m.level == messages.WARNING]
    assert len(shown) == warnings
