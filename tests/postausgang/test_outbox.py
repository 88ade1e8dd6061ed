"""The outbox: one-line headers, no mail sent twice, old mails forgotten."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from postausgang import outbox
from postausgang.headers import address_with_name, single_line, subject_line
from postausgang.models import OutgoingMail


@pytest.mark.parametrize(
    "raw",
    [
        "Marko\r\nBcc: x@example.net",
        "Marko\x0bBcc: x@example.net",
        "Marko\u2028Bcc: x@example.net",
        "Marko\u0085Bcc: x@example.net",
        "  Marko \t\n Bcc: x@example.net  ",
    ],
)
def test_every_kind_of_line_break_becomes_one_space(raw):
    assert single_line(raw) == "Marko Bcc: x@example.net"


def test_direction_marks_are_dropped_and_long_subjects_shortened():
    assert single_line("Atelier\u202e Olga\u200b") == "Atelier Olga"
    assert len(subject_line("x" * 500)) == 200


def test_a_display_name_cannot_add_a_header():
    assert "\n" not in address_with_name("Bea\nBcc: x@example.net", "bea@example.net")


def test_a_mail_is_sent_once_however_often_senders_try(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        stored = outbox.queue(to=["a@example.org"], subject="Hallo", body="Text")
    assert outbox.send(stored.pk) is False
    assert outbox.send_due() == (0, 0)
    assert len(mail.outbox) == 1


def test_a_mail_left_sending_by_a_crashed_process_is_sent_later(db):
    stored = OutgoingMail.objects.create(
        to=["a@example.org"],
        subject="Hallo",
        body="Text",
        status=OutgoingMail.Status.SENDING,
        claimed_at=timezone.now() - timedelta(hours=1),
    )
    assert outbox.send_due() == (1, 0)
    stored.refresh_from_db()
    assert stored.status == OutgoingMail.Status.SENT


def test_old_sent_mails_are_forgotten(db):
    old = OutgoingMail.objects.create(
        to=["a@example.org"],
        subject="Alt",
        body="Text",
        status=OutgoingMail.Status.SENT,
        sent_at=timezone.now() - timedelta(days=8),
    )
    outbox.send_due()
    assert not OutgoingMail.objects.filter(pk=old.pk).exists()


def test_nobody_to_write_to_stores_nothing(db):
    assert outbox.queue(to=["", None], subject="Hallo", body="Text") is None
    assert not OutgoingMail.objects.exists()


def test_a_mail_carries_its_attachment_and_extra_headers(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        outbox.queue(
            to=["a@example.org"],
            subject="Termin",
            body="Anbei der Termin.",
            headers={"List-Unsubscribe": "<https://example.org/ab/x>\r\nBcc: x@example.net"},
            attachments=[("termin.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")],
        )
    (sent,) = mail.outbox
    assert sent.extra_headers["List-Unsubscribe"] == "<https://example.org/ab/x> Bcc: x@example.net"
    ((filename, content, mimetype),) = sent.attachments
    assert (filename, mimetype) == ("termin.ics", "text/calendar")
    assert content.startswith("BEGIN:VCALENDAR")


def test_a_reminder_waits_until_its_time(db, django_capture_on_commit_callbacks):
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        reminder = outbox.queue(
            to=["a@example.org"],
            subject="Morgen",
            body="Erinnerung",
            send_after=now + timedelta(hours=2),
        )
    assert mail.outbox == []
    assert outbox.send(reminder.pk) is False
    assert outbox.send_due(now=now + timedelta(hours=1)) == (0, 0)
    assert outbox.send_due(now=now + timedelta(hours=3)) == (1, 0)
    assert [m.subject for m in mail.outbox] == ["Morgen"]
