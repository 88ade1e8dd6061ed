"""Background delivery: the database queue, its worker, retries with pauses, scheduled
mail, and the sweep as the safety net. The row in the outbox says what is sent, so no
mail goes out twice and none is lost with a task row."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from postausgang import outbox
from postausgang.delivery import MAX_ATTEMPTS, retry_delay
from postausgang.management.commands import send_queued_mail
from postausgang.models import OutgoingMail
from postausgang.tasks import deliver_mail
from tests.postausgang.task_queue import (
    delivery_tasks,
    make_waiting_tasks_due,
    run_worker,
    waiting_tasks,
)

Status = OutgoingMail.Status


def queue_one(**extra):
    return outbox.queue(to=["a@example.org"], subject="Hallo", body="Text", **extra)


def test_the_request_only_stores_the_mail_and_the_worker_sends_it(
    db, database_queue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        stored = queue_one()
        # Nothing is enqueued before the change that caused the mail is committed.
        assert not delivery_tasks().exists()
    assert len(callbacks) == 1
    [task] = delivery_tasks()
    assert task.args_kwargs["args"] == [stored.pk]
    assert mail.outbox == []
    stored.refresh_from_db()
    assert stored.status == Status.QUEUED

    run_worker()

    stored.refresh_from_db()
    assert (stored.status, stored.attempts) == (Status.SENT, 1)
    assert [m.subject for m in mail.outbox] == ["Hallo"]
    run_worker()
    assert len(mail.outbox) == 1


def test_a_rolled_back_change_sends_nothing(db, database_queue, django_capture_on_commit_callbacks):
    class Undo(Exception):
        pass

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(Undo),
        transaction.atomic(),
    ):
        queue_one()
        raise Undo
    assert not OutgoingMail.objects.exists()
    assert not delivery_tasks().exists()


def test_a_failed_attempt_is_tried_again_after_its_pause(
    db, database_queue, mail_server, django_capture_on_commit_callbacks
):
    mail_server.go_down()
    with django_capture_on_commit_callbacks(execute=True):
        stored = queue_one()
    run_worker()

    stored.refresh_from_db()
    assert (stored.status, stored.attempts) == (Status.FAILED, 1)
    assert "SMTPServerDisconnected" in stored.last_error
    [retry] = waiting_tasks()
    assert retry.run_after == stored.claimed_at + retry_delay(1)
    # Not before its time, even with the server back.
    mail_server.come_back()
    run_worker()
    assert mail.outbox == []

    make_waiting_tasks_due()
    run_worker()

    stored.refresh_from_db()
    assert (stored.status, stored.attempts) == (Status.SENT, 2)
    assert len(mail.outbox) == 1
    assert not waiting_tasks().exists()


def test_the_pauses_grow_and_the_attempts_end(db, database_queue, mail_server):
    assert [retry_delay(n) for n in (1, 2, 3, 4)] == [
        timedelta(minutes=1),
        timedelta(minutes=5),
        timedelta(minutes=15),
        timedelta(hours=1),
    ]
    # An outage of a weekend is outlasted.
    assert sum((retry_delay(n) for n in range(1, MAX_ATTEMPTS)), timedelta()) > timedelta(days=2)

    mail_server.go_down()
    stored = OutgoingMail.objects.create(
        to=["a@example.org"], subject="Hallo", body="Text", attempts=MAX_ATTEMPTS - 1
    )
    assert deliver_mail.call(stored.pk) == "failed"
    stored.refresh_from_db()
    assert (stored.status, stored.attempts) == (Status.FAILED, MAX_ATTEMPTS)
    assert not waiting_tasks().exists()


def test_the_immediate_backend_leaves_a_retry_to_the_sweep(
    db, mail_server, django_capture_on_commit_callbacks
):
    # Retrying at once would keep the request waiting on a server that is away.
    mail_server.go_down()
    with django_capture_on_commit_callbacks(execute=True):
        stored = queue_one()
    stored.refresh_from_db()
    assert (stored.status, stored.attempts) == (Status.FAILED, 1)

    mail_server.come_back()
    assert outbox.send_due() == (0, 0)
    assert outbox.send_due(now=stored.claimed_at + retry_delay(1)) == (1, 0)
    assert len(mail.outbox) == 1


def test_the_sweep_keeps_the_same_pauses(db):
    last_attempt = timezone.now() - timedelta(minutes=10)
    OutgoingMail.objects.create(
        to=["a@example.org"],
        subject="Hallo",
        body="Text",
        status=Status.FAILED,
        attempts=3,
        claimed_at=last_attempt,
    )
    assert outbox.send_due() == (0, 0)
    assert outbox.send_due(now=last_attempt + retry_delay(3)) == (1, 0)


def test_a_scheduled_mail_waits_in_the_queue_until_its_time(
    db, database_queue, django_capture_on_commit_callbacks
):
    later = timezone.now() + timedelta(hours=24)
    with django_capture_on_commit_callbacks(execute=True):
        reminder = queue_one(send_after=later)
    [task] = waiting_tasks()
    assert task.run_after == later
    run_worker()
    assert mail.outbox == []

    # A day later.
    OutgoingMail.objects.update(send_after=timezone.now() - timedelta(seconds=1))
    make_waiting_tasks_due()
    run_worker()

    reminder.refresh_from_db()
    assert reminder.status == Status.SENT
    assert len(mail.outbox) == 1


def test_a_task_that_runs_before_a_postponed_mail_is_due_waits_again(db, database_queue):
    later = timezone.now() + timedelta(hours=3)
    reminder = OutgoingMail.objects.create(
        to=["a@example.org"], subject="Morgen", body="Text", send_after=later
    )
    assert deliver_mail.call(reminder.pk) == "waiting"
    [task] = waiting_tasks()
    assert task.run_after == later
    assert mail.outbox == []


def test_the_immediate_backend_leaves_a_scheduled_mail_to_the_sweep(
    db, django_capture_on_commit_callbacks
):
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        queue_one(send_after=now + timedelta(hours=2))  # This backend cannot wait.
    assert mail.outbox == []
    assert outbox.send_due(now=now + timedelta(hours=1)) == (0, 0)
    assert outbox.send_due(now=now + timedelta(hours=3)) == (1, 0)


def test_a_lost_task_row_loses_no_mail(db, database_queue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        stored = queue_one()
    delivery_tasks().delete()

    call_command("send_queued_mail", stdout=io.StringIO())

    stored.refresh_from_db()
    assert stored.status == Status.SENT
    assert len(mail.outbox) == 1


def test_the_sweep_and_the_worker_never_send_one_mail_twice(
    db, database_queue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        queue_one()
    call_command("send_queued_mail", stdout=io.StringIO())
    run_worker()

    assert len(mail.outbox) == 1
    [task] = delivery_tasks()
    assert task.return_value == "skipped"


def test_the_worker_takes_up_a_mail_left_sending_by_a_crash_through_the_sweep(db):
    stored = OutgoingMail.objects.create(
        to=["a@example.org"],
        subject="Hallo",
        body="Text",
        status=Status.SENDING,
        claimed_at=timezone.now() - timedelta(minutes=1),
    )
    # Another sender may still be at it.
    assert deliver_mail.call(stored.pk) == "skipped"
    assert outbox.send_due(now=timezone.now() + timedelta(hours=1)) == (1, 0)
    assert len(mail.outbox) == 1


def test_finished_delivery_tasks_are_forgotten_with_the_sent_mails(
    db, database_queue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        queue_one()
    run_worker()
    outbox.send_due(now=timezone.now() + timedelta(days=1))
    assert delivery_tasks().count() == 1
    outbox.send_due(now=timezone.now() + outbox.KEEP_SENT + timedelta(days=1))
    assert not delivery_tasks().exists()
    assert not OutgoingMail.objects.exists()


def test_the_contact_relay_mail_is_handed_to_the_worker_too(db, database_queue):
    outbox.send_now(to=["a@example.org"], subject="Nachricht", body="Text")
    assert mail.outbox == []
    assert delivery_tasks().count() == 1
    run_worker()
    assert len(mail.outbox) == 1


def test_the_sweep_in_a_loop_outlives_a_failed_round(db, monkeypatch):
    rounds = []

    def flaky_send_due():
        rounds.append(1)
        if len(rounds) == 1:
            raise ConnectionError("database restarting")
        return outbox.send_due()

    class Stop(Exception):
        pass

    def sleep(seconds):
        assert seconds == 300
        if len(rounds) == 2:
            raise Stop

    OutgoingMail.objects.create(to=["a@example.org"], subject="Hallo", body="Text")
    monkeypatch.setattr(send_queued_mail, "send_due", flaky_send_due)
    monkeypatch.setattr(send_queued_mail.time, "sleep", sleep)
    # Inside the test's transaction the connection must stay open between rounds.
    monkeypatch.setattr(send_queued_mail, "close_old_connections", lambda: None)
    with pytest.raises(Stop):
        call_command("send_queued_mail", every=300, stdout=io.StringIO())
    assert len(rounds) == 2
    assert len(mail.outbox) == 1


def test_an_operator_hands_a_mail_whose_attempts_are_used_up_over_again(
    client, superuser, mail_server
):
    stored = OutgoingMail.objects.create(
        to=["a@example.org"],
        subject="Hallo",
        body="Text",
        status=Status.FAILED,
        attempts=MAX_ATTEMPTS,
        claimed_at=timezone.now() - timedelta(days=1),
        last_error="SMTPServerDisconnected: Connection unexpectedly closed",
    )
    assert outbox.send_due() == (0, 0)
    client.force_login(superuser)
    page = client.get(f"/admin/postausgang/outgoingmail/{stored.pk}/change/").content.decode()
    assert "SMTPServerDisconnected" in page

    response = client.post(
        "/admin/postausgang/outgoingmail/",
        {"action": "send_again", "_selected_action": [stored.pk]},
    )

    assert response.status_code == 302
    stored.refresh_from_db()
    assert (stored.status, stored.attempts) == (Status.SENT, MAX_ATTEMPTS + 1)
    assert len(mail.outbox) == 1


def test_the_outbox_admin_shows_when_a_failed_mail_is_tried_next(client, superuser):
    last_attempt = timezone.now() - timedelta(minutes=2)
    stored = OutgoingMail.objects.create(
        to=["a@example.org"],
        subject="Hallo",
        body="Text",
        status=Status.FAILED,
        attempts=2,
        claimed_at=last_attempt,
    )
    client.force_login(superuser)
    response = client.get("/admin/postausgang/outgoingmail/")
    assert response.status_code == 200
    assert capfirst(_("next attempt")) in response.content.decode()
    row = response.context["cl"].result_list[0]
    admin_view = response.context["cl"].model_admin
    assert row.pk == stored.pk
    assert admin_view.next_attempt(row) == last_attempt + retry_delay(2)
