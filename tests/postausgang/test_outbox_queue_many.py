"""queue_many: many mails in one insert, each delivered after the commit like queue()'s."""

from django.core import mail
from django.db import transaction

from postausgang import outbox
from postausgang.models import OutgoingMail


def test_many_mails_are_stored_in_one_insert_and_sent_after_the_commit(
    db, django_assert_num_queries, django_capture_on_commit_callbacks
):
    mails = [
        {
            "to": [f"leser{n}@example.org"],
            "subject": "Neu\nBcc: x@example.net",
            "body": f"Text {n}",
            "kind": "test/many",
            "headers": {"List-Unsubscribe": f"<https://example.org/{n}>\r\n"},
        }
        for n in range(3)
    ] + [{"to": [""], "subject": "An niemanden", "body": "-"}]

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with django_assert_num_queries(1):
            created = outbox.queue_many(mails)
        assert mail.outbox == []

    assert len(created) == 3
    assert len(callbacks) == 1
    rows = OutgoingMail.objects.order_by("pk")
    assert [row.status for row in rows] == ["sent"] * 3
    assert rows[0].subject == "Neu Bcc: x@example.net"
    assert rows[0].headers == {"List-Unsubscribe": "<https://example.org/0>"}
    assert sorted(message.to[0] for message in mail.outbox) == [
        "leser0@example.org",
        "leser1@example.org",
        "leser2@example.org",
    ]
    assert mail.outbox[0].extra_headers["List-Unsubscribe"].startswith("<https://")


def test_a_rolled_back_batch_sends_nothing(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                outbox.queue_many([{"to": ["a@example.org"], "subject": "S", "body": "B"}])
                raise RuntimeError
        except RuntimeError:
            pass
    assert not OutgoingMail.objects.exists()
    assert mail.outbox == []


def test_nothing_to_queue_stores_nothing(db):
    assert outbox.queue_many([]) == []
