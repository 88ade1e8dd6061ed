import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from konten.invitations import find_invitation, invite
from konten.models import Invitation, User
from mitglieder.models import MembershipRequest, Profile
from moderation.services import accept_request
from teilmaerkte.models import Discipline
from tests.factories import ProfileFactory
from verbaende.models import Municipality


def link_path(message):
    return re.search(r"http://[^/\s]+(/konto/einladung/\S+/)", message.body).group(1)


@pytest.fixture
def draft_profile(reference_data):
    return ProfileFactory(name="Neues Atelier", status=Profile.Status.DRAFT)


def test_an_invitation_mail_links_to_setting_a_password(
    client, draft_profile, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite("neu@example.org", draft_profile)
    message = mail.outbox[0]
    assert message.to == ["neu@example.org"]
    assert "Neues Atelier" in message.subject
    path = link_path(message)
    response = client.post(
        path,
        {"new_password1": "mein-sicheres-passwort-1", "new_password2": "mein-sicheres-passwort-1"},
    )
    assert response.status_code == 302
    user = User.objects.get(email="neu@example.org")
    assert user.is_active
    assert user.check_password("mein-sicheres-passwort-1")
    assert list(user.profiles.all()) == [draft_profile]
    assert client.session["_auth_user_id"] == str(user.pk)


def test_an_invitation_works_only_once(client, draft_profile, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite("neu@example.org", draft_profile)
    path = link_path(mail.outbox[0])
    data = {
        "new_password1": "mein-sicheres-passwort-1",
        "new_password2": "mein-sicheres-passwort-1",
    }
    client.post(path, data)
    client.logout()
    response = client.get(path)
    assert response.status_code == 410
    assert "nicht mehr gültig" in response.content.decode()


def test_an_expired_invitation_is_refused(
    client, draft_profile, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite("neu@example.org", draft_profile)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    assert client.get(link_path(mail.outbox[0])).status_code == 410


@pytest.mark.parametrize("token", ["x", "a" * 500, "%00", "../../etc/passwd"])
def test_a_made_up_token_is_refused_without_error(client, db, token):
    assert client.get(f"/konto/einladung/{token}/").status_code in {404, 410}


def test_only_a_hash_of_the_token_is_stored(draft_profile, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite("neu@example.org", draft_profile)
    token = link_path(mail.outbox[0]).rstrip("/").rsplit("/", 1)[1]
    assert token not in invitation.token_hash
    assert find_invitation(token) == invitation


def test_a_new_invitation_replaces_the_open_one(draft_profile, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = invite("neu@example.org", draft_profile)
        invite("neu@example.org", draft_profile)
    first.refresh_from_db()
    assert not first.is_usable


def test_a_weak_password_is_refused_in_german(
    client, draft_profile, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite("neu@example.org", draft_profile)
    response = client.post(
        link_path(mail.outbox[0]), {"new_password1": "123", "new_password2": "123"}
    )
    assert response.status_code == 200
    assert "Dieses Passwort ist zu kurz" in response.content.decode()
    assert not User.objects.get(email="neu@example.org").is_active


def test_accepting_a_membership_request_creates_a_draft_and_invites(
    reference_data, staff_chemnitz, django_capture_on_commit_callbacks
):
    membership = MembershipRequest.objects.create(
        name="Tonwerk Plauen",
        contact_name="Paula Ton",
        email="paula@example.org",
        municipality=Municipality.objects.get(slug="plauen"),
    )
    membership.disciplines.set([Discipline.objects.get(slug="tonstudio-produktion")])
    with django_capture_on_commit_callbacks(execute=True):
        profile = accept_request(membership, staff_chemnitz)
    assert profile.status == Profile.Status.DRAFT
    assert profile.association.slug == "chemnitz"
    assert list(profile.disciplines.values_list("slug", flat=True)) == ["tonstudio-produktion"]
    assert mail.outbox[0].to == ["paula@example.org"]
    membership.refresh_from_db()
    assert membership.status == MembershipRequest.Status.ACCEPTED
    assert membership.decided_by == staff_chemnitz
