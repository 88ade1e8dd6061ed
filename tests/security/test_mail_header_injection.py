"""Finding 3: a line break in a stored name or title turned a saved decision into a 500
and the notification was never sent.

The data is written with QuerySet.update(), as old rows or scripts would hold it: the
forms refuse line breaks, the mail must cope anyway. Transactional tests, so the mail is
sent after a real commit inside the request, as in production.
"""

import io

import pytest
from django.contrib import messages
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command

from aktuelles.models import SuccessReport
from mitglieder.membership import MembershipRequestForm, submit_request
from mitglieder.models import MembershipRequest, Profile
from moderation import services
from postausgang.delivery import retry_delay
from postausgang.models import OutgoingMail
from teilmaerkte.models import Discipline
from tests.factories import SuccessReportFactory
from verbaende.models import Municipality

pytestmark = pytest.mark.django_db(transaction=True)

QUEUE = "/admin/moderation/moderationqueue/"
DECIDE = "/admin/moderation/moderationqueue/entscheiden/"


def decide(client, target, obj, decision, **extra):
    data = {"target": target, "pk": obj.pk, "decision": decision, "next": QUEUE} | extra
    return client.post(DECIDE, data, follow=True)


def assert_single_line(subject, expected_part):
    assert "\n" not in subject
    assert "\r" not in subject
    assert expected_part in subject


def warnings_of(response):
    return [m for m in response.context["messages"] if m.level == messages.WARNING]


def test_a_membership_request_with_a_line_break_in_its_name_reaches_staff(staff_chemnitz):
    form = MembershipRequestForm(
        {
            "name": "Evil GmbH",
            "kind": "company",
            "contact_name": "Eve",
            "email": "eve@example.org",
            "municipality": Municipality.objects.get(slug="chemnitz").pk,
            "disciplines": [Discipline.objects.first().pk],
        }
    )
    assert form.is_valid(), form.errors
    # What the form would have let through before it refused line breaks.
    form.instance.name = "Evil GmbH\r\nBcc: victim@example.net"

    submit_request(form)

    assert MembershipRequest.objects.get().name.startswith("Evil GmbH")
    [message] = mail.outbox
    assert_single_line(message.subject, "Evil GmbH Bcc: victim@example.net")
    assert "staff-chemnitz@example.org" in message.to
    assert "victim@example.net" not in message.recipients()
    assert message.message()["Bcc"] is None


def test_hiding_a_profile_whose_name_has_a_line_break(client_for, owned_profile, staff_chemnitz):
    Profile.objects.filter(pk=owned_profile.pk).update(name="Marko Dobes\nX")

    response = decide(client_for(staff_chemnitz), "profile", owned_profile, "hide", reason="Spam")

    assert response.status_code == 200
    assert Profile.objects.get(pk=owned_profile.pk).status == Profile.Status.HIDDEN
    [message] = mail.outbox
    assert message.to == ["owner@example.org"]
    assert_single_line(message.subject, "Marko Dobes X")
    assert not warnings_of(response)


def test_approving_a_success_report_whose_title_has_a_line_break(
    client_for, owned_profile, staff_chemnitz
):
    report = SuccessReportFactory(profile=owned_profile)
    SuccessReport.objects.filter(pk=report.pk).update(title="Preis\nBcc: victim@example.net")

    response = decide(
        client_for(staff_chemnitz), "report", report, "approve", expected_status="pending"
    )

    assert response.status_code == 200
    assert SuccessReport.objects.get(pk=report.pk).status == SuccessReport.Status.APPROVED
    [message] = mail.outbox
    assert message.to == ["owner@example.org"]
    assert "\n" not in message.subject
    assert not message.bcc


def test_a_failing_mail_server_keeps_the_decision_warns_staff_and_is_retried(
    client_for, owned_profile, staff_chemnitz, monkeypatch
):
    def refuse(self, messages):
        raise ConnectionRefusedError("mail server away")

    with monkeypatch.context() as patched:
        patched.setattr(EmailBackend, "send_messages", refuse)
        response = decide(
            client_for(staff_chemnitz), "profile", owned_profile, "hide", reason="Spam"
        )

    assert response.status_code == 200
    assert Profile.objects.get(pk=owned_profile.pk).status == Profile.Status.HIDDEN
    assert len(warnings_of(response)) == 1
    assert not mail.outbox
    stored = OutgoingMail.objects.get()
    assert stored.status == OutgoingMail.Status.FAILED
    assert stored.attempts == 1
    assert "mail server away" in stored.last_error

    # The retry waits its pause (a minute after the first attempt), then sends.
    call_command("send_queued_mail", stdout=io.StringIO())
    assert not mail.outbox
    OutgoingMail.objects.update(claimed_at=stored.claimed_at - retry_delay(1))
    call_command("send_queued_mail", stdout=io.StringIO())

    stored.refresh_from_db()
    assert stored.status == OutgoingMail.Status.SENT
    assert stored.attempts == 2
    [message] = mail.outbox
    assert message.to == ["owner@example.org"]


def test_a_mail_is_sent_once_even_when_the_retry_runs_again(owned_profile, staff_chemnitz):
    Profile.objects.filter(pk=owned_profile.pk).update(name="Marko Dobes\nX")

    services.hide(owned_profile, staff_chemnitz, "Spam")
    call_command("send_queued_mail", stdout=io.StringIO())

    assert len(mail.outbox) == 1
    assert OutgoingMail.objects.get().status == OutgoingMail.Status.SENT


def test_subjects_carry_names_as_typed_not_html_escaped(client_for, owned_profile, staff_chemnitz):
    Profile.objects.filter(pk=owned_profile.pk).update(name="Druck & Satz <Zwickau>")

    decide(client_for(staff_chemnitz), "profile", owned_profile, "hide", reason="Spam")

    [message] = mail.outbox
    assert "Druck & Satz <Zwickau>" in message.subject
