"""The moderation workflows end to end through the admin, and what bad input does."""

import pytest
from django.core import mail

from mitglieder.models import MembershipRequest, Profile
from moderation import services
from moderation.models import ModerationAction
from tests.factories import in_review, make_profile
from tests.profile_forms import admin_change_data
from verbaende.models import Municipality

QUEUE = "/admin/moderation/moderationqueue/"
DECIDE = "/admin/moderation/moderationqueue/entscheiden/"


def decide(client, profile, decision, **extra):
    data = {
        "target": "profile",
        "pk": profile.pk,
        "decision": decision,
        "expected_version": profile.version,
        "expected_status": profile.status,
        "next": QUEUE,
    } | extra
    return client.post(DECIDE, data, follow=True)


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def draft(owned_profile):
    owned_profile.status = Profile.Status.DRAFT
    owned_profile.published_at = None
    owned_profile.save()
    return owned_profile


def submit_as_member(client_for, owner, profile):
    response = client_for(owner).post(f"/mein-profil/{profile.pk}/einreichen/")
    assert response.status_code == 302
    client_for(None).logout()
    profile.refresh_from_db()
    assert profile.status == Profile.Status.IN_REVIEW
    return profile


def test_submit_approve_makes_the_profile_public_and_tells_the_member(
    client, client_for, owner, draft, staff_chemnitz, django_capture_on_commit_callbacks
):
    assert client.get(draft.get_absolute_url()).status_code == 404
    profile = submit_as_member(client_for, owner, draft)

    staff = client_for(staff_chemnitz)
    queue = staff.get(QUEUE).content.decode()
    assert "Atelier Olga" in queue
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(staff, profile, "approve")

    assert response.status_code == 200
    profile.refresh_from_db()
    assert profile.status == Profile.Status.PUBLISHED
    assert profile.published_at is not None
    staff.logout()
    assert client.get(profile.get_absolute_url()).status_code == 200
    assert "Atelier Olga" in client.get("/mitglieder/").content.decode()
    assert [m.to for m in mail.outbox] == [["owner@example.org"]]
    assert "Atelier Olga" in mail.outbox[0].subject
    action = ModerationAction.objects.get()
    assert (action.action, action.actor, action.profile) == ("approve", staff_chemnitz, profile)
    assert profile.history.latest().history_user == staff_chemnitz


def test_submit_reject_keeps_it_private_and_mails_the_reason(
    client, client_for, owner, draft, staff_chemnitz, django_capture_on_commit_callbacks
):
    profile = submit_as_member(client_for, owner, draft)
    staff = client_for(staff_chemnitz)
    with django_capture_on_commit_callbacks(execute=True):
        decide(staff, profile, "reject", reason="Bitte beschreiben Sie Ihre Arbeit genauer.")

    profile.refresh_from_db()
    assert profile.status == Profile.Status.DRAFT
    staff.logout()
    assert client.get(profile.get_absolute_url()).status_code == 404
    assert mail.outbox[0].to == ["owner@example.org"]
    assert "Bitte beschreiben Sie Ihre Arbeit genauer." in mail.outbox[0].body
    action = ModerationAction.objects.get()
    assert action.reason == "Bitte beschreiben Sie Ihre Arbeit genauer."
    # Visible on the profile's admin page (audit).
    page = client_for(staff_chemnitz).get(f"/admin/mitglieder/profile/{profile.pk}/change/")
    assert "Bitte beschreiben Sie Ihre Arbeit genauer." in page.content.decode()


def test_hide_takes_the_profile_off_the_directory_at_once(
    client, client_for, owned_profile, staff_chemnitz
):
    assert "Atelier Olga" in client.get("/mitglieder/").content.decode()
    staff = client_for(staff_chemnitz)
    response = decide(staff, owned_profile, "hide", reason="Urheberrechtsbeschwerde")

    assert "Atelier Olga" in " ".join(messages_of(response))
    staff.logout()
    assert "Atelier Olga" not in client.get("/mitglieder/").content.decode()
    assert client.get(owned_profile.get_absolute_url()).status_code == 404
    owned_profile.refresh_from_db()
    response = decide(client_for(staff_chemnitz), owned_profile, "unhide")
    assert client.get(owned_profile.get_absolute_url()).status_code == 200


def test_bulk_hide_asks_for_a_reason_and_touches_only_the_own_association(
    client_for, owned_profile, leipzig_profile, staff_chemnitz
):
    staff = client_for(staff_chemnitz)
    selection = {
        "action": "hide_profiles",
        "_selected_action": [owned_profile.pk, leipzig_profile.pk],
    }
    form = staff.post("/admin/mitglieder/profile/", selection)
    assert form.status_code == 200
    assert "Studio Otto" not in form.content.decode()

    staff.post("/admin/mitglieder/profile/", selection | {"apply": "1", "reason": "Test"})

    owned_profile.refresh_from_db()
    leipzig_profile.refresh_from_db()
    assert owned_profile.status == Profile.Status.HIDDEN
    assert leipzig_profile.status == Profile.Status.PUBLISHED


def test_bulk_approve_on_a_mixed_selection(
    client_for, owned_profile, leipzig_profile, staff_chemnitz
):
    waiting = in_review(
        make_profile(name="Wartend", status=Profile.Status.DRAFT, published_at=None)
    )
    in_review(leipzig_profile)
    staff = client_for(staff_chemnitz)
    response = staff.post(
        "/admin/mitglieder/profile/",
        {
            "action": "publish_selected",
            "_selected_action": [waiting.pk, owned_profile.pk, leipzig_profile.pk],
        },
        follow=True,
    )

    waiting.refresh_from_db()
    leipzig_profile.refresh_from_db()
    assert waiting.status == Profile.Status.PUBLISHED
    assert leipzig_profile.status == Profile.Status.IN_REVIEW
    shown = " ".join(messages_of(response))
    assert "1" in shown
    assert "Atelier Olga" in shown  # already approved: said so, unchanged
    assert ModerationAction.objects.count() == 1


# --- Bad input ------------------------------------------------------------------------------


def test_approving_an_approved_profile_changes_nothing(client_for, owned_profile, staff_chemnitz):
    before = owned_profile.history.count()
    response = decide(client_for(staff_chemnitz), owned_profile, "approve")

    assert any("already approved" in m or "bereits" in m for m in messages_of(response))
    assert owned_profile.history.count() == before
    assert not ModerationAction.objects.exists()


def test_rejecting_without_a_reason_changes_nothing(
    client_for, owned_profile, staff_chemnitz, owner
):
    in_review(owned_profile, owner)
    response = decide(client_for(staff_chemnitz), owned_profile, "reject", reason="   ")

    owned_profile.refresh_from_db()
    assert owned_profile.status == Profile.Status.IN_REVIEW
    assert any("reason" in m or "Begründung" in m for m in messages_of(response))
    assert not mail.outbox
    assert not ModerationAction.objects.exists()


def test_a_decision_on_a_profile_changed_meanwhile_changes_nothing(
    client_for, owned_profile, staff_chemnitz, staff_landesverband, owner
):
    in_review(owned_profile, owner)
    seen = Profile.objects.get(pk=owned_profile.pk)
    # Someone else decides first ...
    services.reject(owned_profile, staff_landesverband, "Zu kurz")
    # ... and then the member edits and submits again.
    Profile.objects.filter(pk=owned_profile.pk).update(version=seen.version + 1)
    in_review(Profile.objects.get(pk=owned_profile.pk), owner)

    response = decide(client_for(staff_chemnitz), seen, "approve")

    owned_profile.refresh_from_db()
    assert owned_profile.status == Profile.Status.IN_REVIEW
    assert any("meantime" in m or "zwischenzeitlich" in m for m in messages_of(response))
    assert ModerationAction.objects.count() == 1


def test_the_admin_form_refuses_to_overwrite_a_newer_version(
    client_for, owned_profile, staff_chemnitz
):
    staff = client_for(staff_chemnitz)
    url, data = admin_change_data(staff, owned_profile, name="Vom Personal geändert")
    Profile.objects.filter(pk=owned_profile.pk).update(version=owned_profile.version + 1)

    response = staff.post(url, data)

    assert response.status_code == 200
    owned_profile.refresh_from_db()
    assert owned_profile.name == "Atelier Olga"


def test_acting_on_another_associations_profile_is_404(client_for, leipzig_profile, staff_chemnitz):
    response = decide(client_for(staff_chemnitz), leipzig_profile, "hide", reason="x")
    assert response.status_code == 404
    leipzig_profile.refresh_from_db()
    assert leipzig_profile.status == Profile.Status.PUBLISHED


def test_an_unknown_decision_is_404(client_for, owned_profile, staff_chemnitz):
    assert decide(client_for(staff_chemnitz), owned_profile, "publish").status_code == 404


def test_members_cannot_decide(client_for, owner, owned_profile):
    response = client_for(owner).post(DECIDE, {"target": "profile", "pk": owned_profile.pk})
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


# --- Membership requests -------------------------------------------------------------------


@pytest.fixture
def membership(reference_data):
    return MembershipRequest.objects.create(
        name="Neues Atelier",
        contact_name="Nina Neu",
        email="nina@example.org",
        municipality=Municipality.objects.get(slug="chemnitz"),
    )


def decide_request(client, membership, decision, **extra):
    data = {"target": "request", "pk": membership.pk, "decision": decision, "next": QUEUE}
    return client.post(DECIDE, data | extra, follow=True)


def test_rejecting_a_request_mails_the_applicant(
    client_for, membership, staff_chemnitz, django_capture_on_commit_callbacks
):
    staff = client_for(staff_chemnitz)
    assert "Neues Atelier" in staff.get(QUEUE).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        decide_request(staff, membership, "reject", reason="Nicht in Sachsen tätig.")

    membership.refresh_from_db()
    assert membership.status == MembershipRequest.Status.REJECTED
    assert membership.decided_by == staff_chemnitz
    assert mail.outbox[0].to == ["nina@example.org"]
    assert "Nicht in Sachsen tätig." in mail.outbox[0].body


def test_accepting_a_request_twice_changes_nothing_the_second_time(
    client_for, membership, staff_chemnitz, django_capture_on_commit_callbacks
):
    staff = client_for(staff_chemnitz)
    with django_capture_on_commit_callbacks(execute=True):
        decide_request(staff, membership, "accept")
        response = decide_request(staff, membership, "accept")

    assert Profile.objects.filter(name="Neues Atelier").count() == 1
    assert any("already decided" in m or "bereits" in m for m in messages_of(response))
    assert ModerationAction.objects.filter(action="accept_request").count() == 1


def test_rejecting_a_request_without_reason_changes_nothing(client_for, membership, staff_chemnitz):
    decide_request(client_for(staff_chemnitz), membership, "reject", reason="")
    membership.refresh_from_db()
    assert membership.status == MembershipRequest.Status.PENDING
    assert not mail.outbox


def test_other_associations_cannot_decide_a_request(client_for, membership, staff_leipzig):
    response = decide_request(client_for(staff_leipzig), membership, "accept")
    assert response.status_code == 404
    membership.refresh_from_db()
    assert membership.status == MembershipRequest.Status.PENDING


# --- Changed since review, diff and revert --------------------------------------------------


def edit_as_member(client_for, owner, profile, **changes):
    from tests.profile_forms import edit_data

    response = client_for(owner).post(
        f"/mein-profil/{profile.pk}/bearbeiten/", edit_data(profile, **changes)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    client_for(None).logout()
    profile.refresh_from_db()
    return profile


def test_a_published_profile_changed_by_its_member_shows_up_with_a_diff(
    client_for, owner, owned_profile, staff_chemnitz
):
    edit_as_member(client_for, owner, owned_profile, tagline="Siebdruck aus Chemnitz.")

    staff = client_for(staff_chemnitz)
    response = staff.get(QUEUE)
    changed = response.context["changed"]
    assert [p.pk for p in changed] == [owned_profile.pk]
    diff = {label: (old, new) for label, old, new in changed[0].diff}
    assert any(new == "Siebdruck aus Chemnitz." for _old, new in diff.values())

    owned_profile.refresh_from_db()
    decide(staff, owned_profile, "approve")
    assert staff.get(QUEUE).context["changed"] == []
    # Approving again is refused: nothing left to review.
    owned_profile.refresh_from_db()
    response = decide(staff, owned_profile, "approve")
    assert ModerationAction.objects.filter(action="approve").count() == 1


def test_reverting_restores_an_earlier_version_and_keeps_the_status(
    client_for, owner, owned_profile, staff_chemnitz
):
    original = owned_profile.history.latest()
    edit_as_member(client_for, owner, owned_profile, tagline="Unpassender Text.")
    staff = client_for(staff_chemnitz)

    response = staff.post(
        f"/admin/mitglieder/profile/{owned_profile.pk}/history/{original.history_id}/",
        {"name": "ignored"},
    )

    assert response.status_code == 302
    owned_profile.refresh_from_db()
    assert owned_profile.tagline == original.tagline
    assert owned_profile.status == Profile.Status.PUBLISHED
    assert ModerationAction.objects.get().action == "revert"
    assert owned_profile.history.latest().history_user == staff_chemnitz


def test_another_association_cannot_revert(client_for, owned_profile, staff_leipzig):
    original = owned_profile.history.latest()
    response = client_for(staff_leipzig).post(
        f"/admin/mitglieder/profile/{owned_profile.pk}/history/{original.history_id}/", {}
    )
    assert response.status_code == 404


@pytest.mark.usefixtures("reference_data")
def test_demo_staff_creates_one_login_per_association(settings):
    import io
    import re

    from django.core.management import call_command

    from konten.models import User

    settings.DEBUG = True
    out = io.StringIO()
    call_command("demo_staff", stdout=out)

    passwords = re.findall(r"Password:\s+(\S+)", out.getvalue())
    assert len(passwords) == 5
    staff = User.objects.get(email="staff-chemnitz@kreativ-sachsen.invalid")
    # Printed in order: the superuser, then the associations by position.
    assert staff.check_password(passwords[2])
    assert staff.association.slug == "chemnitz"
    assert list(staff.groups.values_list("name", flat=True)) == ["Regionalverband"]
    state = User.objects.get(email="staff-landesverband@kreativ-sachsen.invalid")
    assert list(state.groups.values_list("name", flat=True)) == ["Landesverband"]
    assert not state.is_superuser
