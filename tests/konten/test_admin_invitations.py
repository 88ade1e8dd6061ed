import pytest
from django.core import mail

from konten.models import Invitation, User
from mitglieder.models import MembershipRequest
from verbaende.models import Municipality


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser(email="admin@example.org", password="x-long-password-1")


def test_staff_invite_an_editor_from_the_profile_admin(
    client, superuser, owned_profile, django_capture_on_commit_callbacks
):
    client.force_login(superuser)
    url = f"/admin/mitglieder/profile/{owned_profile.pk}/einladen/"
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"email": "Neu@Example.org"})
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.user.email == "neu@example.org"
    assert invitation.profile == owned_profile
    assert mail.outbox[0].to == ["neu@example.org"]


def test_an_invalid_address_in_the_invite_form_sends_nothing(client, superuser, owned_profile):
    client.force_login(superuser)
    response = client.post(
        f"/admin/mitglieder/profile/{owned_profile.pk}/einladen/", {"email": "kein-at"}
    )
    assert response.status_code == 200
    assert not Invitation.objects.exists()


def test_members_cannot_reach_the_invite_page(client, owner, owned_profile):
    client.force_login(owner)
    response = client.get(f"/admin/mitglieder/profile/{owned_profile.pk}/einladen/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_accept_action_skips_requests_already_decided(
    client, superuser, reference_data, django_capture_on_commit_callbacks
):
    place = Municipality.objects.get(slug="leipzig")
    pending = MembershipRequest.objects.create(
        name="Neu", contact_name="N", email="neu@example.org", municipality=place
    )
    decided = MembershipRequest.objects.create(
        name="Alt",
        contact_name="A",
        email="alt@example.org",
        municipality=place,
        status=MembershipRequest.Status.REJECTED,
    )
    client.force_login(superuser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/mitglieder/membershiprequest/",
            {"action": "accept_requests", "_selected_action": [pending.pk, decided.pk]},
            follow=True,
        )
    assert response.status_code == 200
    pending.refresh_from_db()
    decided.refresh_from_db()
    assert pending.status == MembershipRequest.Status.ACCEPTED
    assert decided.status == MembershipRequest.Status.REJECTED
    assert [m.to for m in mail.outbox] == [["neu@example.org"]]
