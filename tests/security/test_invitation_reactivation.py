"""An invitation must not switch a deactivated account back on: a regional team could
otherwise restore a colleague's admin access that a superuser had taken away."""

import re

import pytest
from django.core import mail

from konten.invitations import invite
from konten.models import User
from mitglieder.models import Profile
from tests.factories import ProfileFactory

PASSWORD = {
    "new_password1": "mein-sicheres-passwort-1",
    "new_password2": "mein-sicheres-passwort-1",
}


def link_path(message):
    return re.search(r"http://[^/\s]+(/konto/einladung/\S+/)", message.body).group(1)


@pytest.fixture
def draft_profile(reference_data):
    return ProfileFactory(name="Neues Atelier", status=Profile.Status.DRAFT)


@pytest.fixture
def deactivated_staff(staff_dresden):
    staff_dresden.is_active = False
    staff_dresden.save(update_fields=["is_active"])
    return staff_dresden


def test_an_invitation_link_does_not_reactivate_a_deactivated_account(
    client, draft_profile, deactivated_staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(deactivated_staff.email, draft_profile)
    response = client.post(link_path(mail.outbox[-1]), PASSWORD)

    assert response.status_code == 410
    deactivated_staff.refresh_from_db()
    assert not deactivated_staff.is_active
    assert not deactivated_staff.check_password(PASSWORD["new_password1"])
    assert "_auth_user_id" not in client.session


def test_staff_cannot_invite_a_deactivated_account(
    client, draft_profile, deactivated_staff, staff_landesverband
):
    client.force_login(staff_landesverband)
    url = f"/admin/mitglieder/profile/{draft_profile.pk}/einladen/"
    response = client.post(url, {"email": deactivated_staff.email.upper()})

    assert response.status_code == 200
    assert response.context["form"].errors["email"][0]
    assert not any(deactivated_staff.email in m.to for m in mail.outbox)


def test_a_new_account_created_by_an_invitation_still_becomes_active(
    client, draft_profile, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite("neu@example.org", draft_profile)
    response = client.post(link_path(mail.outbox[-1]), PASSWORD)

    assert response.status_code == 302
    assert User.objects.get(email="neu@example.org").is_active
