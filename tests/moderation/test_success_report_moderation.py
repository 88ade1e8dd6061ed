"""Success reports in moderation: staff of the member's association (and the Landesverband)
approve or decline them in the queue; members learn the decision by e-mail; every decision is
recorded; bad and concurrent decisions change nothing."""

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext

from aktuelles.models import SuccessReport
from moderation import services
from moderation.models import ModerationAction
from tests.factories import SuccessReportFactory

QUEUE = "/admin/moderation/moderationqueue/"
DECIDE = "/admin/moderation/moderationqueue/entscheiden/"
REPORTS = "/admin/aktuelles/successreport/"


def german(msgid):
    with translation.override("de"):
        return gettext(msgid)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def report(owned_profile, owner):
    return SuccessReportFactory(
        profile=owned_profile, title="Preis der Stadt Chemnitz", submitted_by=owner
    )


@pytest.fixture
def leipzig_report(leipzig_profile):
    return SuccessReportFactory(profile=leipzig_profile, title="Leipziger Buchpreis")


def decide(client, report, decision, **extra):
    data = {
        "target": "report",
        "pk": report.pk,
        "decision": decision,
        "expected_status": "pending",
        "next": QUEUE,
    } | extra
    return client.post(DECIDE, data, follow=True)


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def unchanged(report):
    stored = SuccessReport.objects.get(pk=report.pk)
    return (
        stored.status == SuccessReport.Status.PENDING
        and stored.published_at is None
        and stored.decided_by is None
        and not ModerationAction.objects.exists()
    )


# --- Who may decide ------------------------------------------------------------------------

# role → the status of the decision's response (after redirects) and whether it is carried out.
LADDER = [
    ("anonymous", 200, False),  # the admin login page
    ("member", 200, False),  # the admin login page
    ("dresden", 404, False),
    ("leipzig", 404, False),
    ("chemnitz", 200, True),
    ("landesverband", 200, True),
    ("superuser", 200, True),
]


@pytest.mark.parametrize(("role", "status", "done"), LADDER)
def test_only_staff_of_the_members_association_approve(
    client_for, roles, report, role, status, done, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(client_for(roles[role]), report, "approve")
    assert response.status_code == status
    report.refresh_from_db()
    if done:
        assert report.status == SuccessReport.Status.APPROVED
        assert report.decided_by == roles[role]
        assert len(mail.outbox) == 1
    else:
        assert unchanged(report)
        assert not mail.outbox
        if role in {"anonymous", "member"}:
            assert response.redirect_chain[0][0].startswith("/admin/login/")


@pytest.mark.parametrize(("role", "status", "done"), LADDER)
def test_only_staff_of_the_members_association_decline(
    client_for, roles, report, role, status, done
):
    response = decide(client_for(roles[role]), report, "reject", reason="Kein Beleg.")
    assert response.status_code == status
    report.refresh_from_db()
    if done:
        assert report.status == SuccessReport.Status.REJECTED
        assert report.decision_reason == "Kein Beleg."
    else:
        assert unchanged(report)


def test_the_queue_shows_only_the_own_associations_reports(
    client_for, staff_chemnitz, staff_leipzig, staff_landesverband, report, leipzig_report
):
    chemnitz = client_for(staff_chemnitz).get(QUEUE)
    assert list(chemnitz.context["pending_reports"]) == [report]
    html = chemnitz.content.decode()
    assert "Preis der Stadt Chemnitz" in html
    assert "Leipziger Buchpreis" not in html
    assert 'href="https://example.org/preistraeger" rel="noopener' in html
    assert 'name="target" value="report"' in html

    assert list(client_for(staff_leipzig).get(QUEUE).context["pending_reports"]) == [leipzig_report]
    assert set(client_for(staff_landesverband).get(QUEUE).context["pending_reports"]) == {
        report,
        leipzig_report,
    }


def test_deciding_needs_the_csrf_token(staff_chemnitz, report):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_chemnitz)
    response = client.post(
        DECIDE, {"target": "report", "pk": report.pk, "decision": "approve", "next": QUEUE}
    )
    assert response.status_code == 403
    assert unchanged(report)


@pytest.mark.parametrize("decision", ["publish", "hide", ""])
def test_an_unknown_decision_is_404(client_for, staff_chemnitz, report, decision):
    assert decide(client_for(staff_chemnitz), report, decision).status_code == 404
    assert unchanged(report)


@pytest.mark.parametrize("pk", ["", "abc", "999999"])
def test_an_unknown_report_is_404(client_for, staff_chemnitz, report, pk):
    response = client_for(staff_chemnitz).post(
        DECIDE, {"target": "report", "pk": pk, "decision": "approve"}
    )
    assert response.status_code == 404


# --- The workflow --------------------------------------------------------------------------


def test_submit_approve_puts_the_report_on_the_profile_and_tells_the_member(
    client, client_for, owner, owned_profile, staff_chemnitz, django_capture_on_commit_callbacks
):
    member = client_for(owner)
    member.post(
        f"/mein-profil/{owned_profile.pk}/erfolge/",
        {
            "kind": "exhibition",
            "title": "Einzelausstellung im Kunstmuseum",
            "achieved_on": "2026-03-01",
            "evidence_url": "https://example.org/ausstellung",
        },
    )
    member.logout()
    report = SuccessReport.objects.get()
    assert report.status == SuccessReport.Status.PENDING
    assert "Einzelausstellung" not in client.get(owned_profile.get_absolute_url()).content.decode()

    staff = client_for(staff_chemnitz)
    assert "Einzelausstellung im Kunstmuseum" in staff.get(QUEUE).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(staff, report, "approve")

    assert any("Einzelausstellung im Kunstmuseum" in m for m in messages_of(response))
    report.refresh_from_db()
    assert report.status == SuccessReport.Status.APPROVED
    assert report.published_at is not None
    assert report.decided_by == staff_chemnitz
    assert list(response.context["pending_reports"]) == []
    staff.logout()

    public = client.get(owned_profile.get_absolute_url()).content.decode()
    assert f'id="erfolg-{report.pk}"' in public
    assert "Einzelausstellung im Kunstmuseum" in public

    (message,) = mail.outbox
    assert message.to == ["owner@example.org"]
    assert "Einzelausstellung im Kunstmuseum" in message.subject
    assert f"{owned_profile.get_absolute_url()}#erfolg-{report.pk}" in message.body

    action = ModerationAction.objects.get()
    assert (action.action, action.actor, action.success_report) == (
        ModerationAction.Kind.APPROVE_REPORT,
        staff_chemnitz,
        report,
    )
    assert action.association.slug == "chemnitz"
    assert action.profile == owned_profile


def test_declining_mails_the_reason_and_the_member_sees_it(
    client, client_for, owner, owned_profile, report, staff_chemnitz,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    reason = "Der Link führt auf eine leere Seite. Bitte reichen Sie einen Beleg nach."
    staff = client_for(staff_chemnitz)
    with django_capture_on_commit_callbacks(execute=True):
        decide(staff, report, "reject", reason=reason)

    report.refresh_from_db()
    assert report.status == SuccessReport.Status.REJECTED
    assert report.decision_reason == reason
    assert report.published_at is None
    (message,) = mail.outbox
    assert message.to == ["owner@example.org"]
    assert reason in message.body
    assert f"/mein-profil/{owned_profile.pk}/erfolge/" in message.body
    action = ModerationAction.objects.get()
    assert (action.action, action.reason) == (ModerationAction.Kind.REJECT_REPORT, reason)

    # Audit: visible on the report's admin page.
    page = staff.get(f"{REPORTS}{report.pk}/change/").content.decode()
    assert reason in page
    staff.logout()

    assert (
        "Preis der Stadt Chemnitz"
        not in client.get(owned_profile.get_absolute_url()).content.decode()
    )
    own_page = client_for(owner).get(f"/mein-profil/{owned_profile.pk}/erfolge/").content.decode()
    assert german("Declined") in own_page
    assert reason in own_page


def test_the_approval_mail_of_a_draft_profile_says_when_it_appears(
    client_for, owned_profile, report, staff_chemnitz, django_capture_on_commit_callbacks
):
    owned_profile.status = "draft"
    owned_profile.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_report(report, staff_chemnitz)
    assert owned_profile.get_absolute_url() not in mail.outbox[0].body


# --- Bad and concurrent decisions ----------------------------------------------------------


def test_approving_twice_says_so_and_changes_nothing_the_second_time(
    client_for, report, staff_chemnitz, staff_landesverband, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        decide(client_for(staff_landesverband), report, "approve")
        response = decide(client_for(staff_chemnitz), report, "approve")

    shown = " ".join(messages_of(response))
    assert "Preis der Stadt Chemnitz" in shown
    assert "already approved" in shown or "bereits" in shown
    report.refresh_from_db()
    assert report.decided_by == staff_landesverband
    assert ModerationAction.objects.count() == 1
    assert len(mail.outbox) == 1


def test_declining_an_approved_report_changes_nothing(client_for, report, staff_chemnitz):
    services.approve_report(report, staff_chemnitz)
    response = decide(client_for(staff_chemnitz), report, "reject", reason="Doch nicht.")
    assert any("already approved" in m or "bereits" in m for m in messages_of(response))
    report.refresh_from_db()
    assert report.status == SuccessReport.Status.APPROVED
    assert ModerationAction.objects.count() == 1


@pytest.mark.parametrize("reason", ["", "   \n "])
def test_declining_without_a_reason_changes_nothing(client_for, report, staff_chemnitz, reason):
    response = decide(client_for(staff_chemnitz), report, "reject", reason=reason)
    assert any("reason" in m or "Begründung" in m for m in messages_of(response))
    assert unchanged(report)
    assert not mail.outbox


def test_a_report_deleted_by_its_member_meanwhile_is_not_decided(report, staff_chemnitz):
    seen = SuccessReport.objects.get(pk=report.pk)
    report.delete()
    with pytest.raises(services.ModerationError) as refused:
        services.approve_report(seen, staff_chemnitz, expected_status="pending")
    assert "Preis der Stadt Chemnitz" in refused.value.message
    assert not ModerationAction.objects.exists()


def test_the_service_refuses_another_expected_status(report, staff_chemnitz):
    with pytest.raises(services.ModerationError):
        services.reject_report(report, staff_chemnitz, "Grund", expected_status="approved")
    assert unchanged(report)


# --- The admin -----------------------------------------------------------------------------


def test_bulk_approve_touches_only_pending_reports_of_the_own_association(
    client_for, owned_profile, report, leipzig_report, staff_chemnitz
):
    done = SuccessReportFactory(
        profile=owned_profile, status="approved", published_at=timezone.now()
    )
    response = client_for(staff_chemnitz).post(
        REPORTS,
        {"action": "publish_selected", "_selected_action": [report.pk, done.pk, leipzig_report.pk]},
        follow=True,
    )

    report.refresh_from_db()
    leipzig_report.refresh_from_db()
    assert report.status == SuccessReport.Status.APPROVED
    assert leipzig_report.status == SuccessReport.Status.PENDING
    assert ModerationAction.objects.get().success_report == report
    shown = messages_of(response)
    assert any(m.startswith("1 ") for m in shown)  # approved
    assert len(shown) == 2  # and one skipped: the approved one; Leipzig's is not even seen


def test_staff_cannot_set_the_status_in_the_change_form(client_for, report, staff_chemnitz):
    staff = client_for(staff_chemnitz)
    url = f"{REPORTS}{report.pk}/change/"
    form = staff.get(url).context["adminform"].form
    for field in ("status", "published_at", "decided_by", "decision_reason", "profile"):
        assert field not in form.fields
    data = {
        "kind": "award",
        "title": "Korrigierter Titel",
        "achieved_on": report.achieved_on.isoformat(),
        "evidence_url": report.evidence_url,
        "description": "",
        "image_alt": "",
        "status": "approved",
        "published_at_0": "01.01.2026",
        "published_at_1": "10:00:00",
        "moderation_actions-TOTAL_FORMS": 0,
        "moderation_actions-INITIAL_FORMS": 0,
    }
    response = staff.post(url, data)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.title == "Korrigierter Titel"
    assert report.status == SuccessReport.Status.PENDING
    assert report.published_at is None


def test_the_list_filter_by_association_is_only_for_the_landesverband(
    client_for, report, staff_chemnitz, staff_landesverband
):
    assert (
        "profile__association__id__exact"
        not in client_for(staff_chemnitz).get(REPORTS).content.decode()
    )
    assert (
        "profile__association__id__exact"
        in client_for(staff_landesverband).get(REPORTS).content.decode()
    )


def test_the_change_lists_show_only_the_own_association(
    client_for, report, leipzig_report, staff_chemnitz
):
    html = client_for(staff_chemnitz).get(f"{REPORTS}?q=preis").content.decode()
    assert "Preis der Stadt Chemnitz" in html
    assert "Leipziger Buchpreis" not in html
