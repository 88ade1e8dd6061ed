"""Staff roles for the personas, and the objects of each association they act on."""

import pytest
from django.utils import timezone

from accounts.models import Invitation, User
from mitglieder.models import MembershipRequest, Profile
from moderation.models import ModerationAction
from moderation.roles import make_staff
from tests.factories import ProfileFactory, UserFactory
from verbaende.models import Association, Municipality


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _role(user):
    return make_staff(user, user.association)


@pytest.fixture
def chemnitz_staff(staff_chemnitz):
    return _role(staff_chemnitz)


@pytest.fixture
def dresden_staff(staff_dresden):
    return _role(staff_dresden)


@pytest.fixture
def leipzig_staff(staff_leipzig):
    return _role(staff_leipzig)


@pytest.fixture
def state_staff(staff_landesverband):
    return _role(staff_landesverband)


@pytest.fixture
def superuser(reference_data):
    return User.objects.create_superuser(email="admin@example.org", password="x-long-password-1")


@pytest.fixture
def roles(owner, chemnitz_staff, dresden_staff, leipzig_staff, state_staff, superuser):
    """Every role by the name the permission matrix uses."""
    return {
        "anonymous": None,
        "member": owner,
        "chemnitz": chemnitz_staff,
        "dresden": dresden_staff,
        "leipzig": leipzig_staff,
        "landesverband": state_staff,
        "superuser": superuser,
    }


def in_review(profile, editor=None):
    """Put `profile` into review the way the member's "submit" does."""
    profile.status = Profile.Status.IN_REVIEW
    profile.submitted_at = timezone.now()
    profile._history_user = editor
    profile.save()
    return profile


@pytest.fixture
def chemnitz_objects(owner, owned_profile, chemnitz_staff):
    """One object of every scoped model, all belonging to Kreatives Chemnitz."""
    place = Municipality.objects.get(slug="chemnitz")
    membership = MembershipRequest.objects.create(
        name="Neues Atelier", contact_name="Nina Neu", email="nina@example.org", municipality=place
    )
    invitation = Invitation.objects.create(
        user=UserFactory(email="eingeladen@example.org"),
        profile=owned_profile,
        token_hash="a" * 64,
        expires_at=timezone.now() + timezone.timedelta(days=7),
    )
    action = ModerationAction.objects.create(
        actor=chemnitz_staff,
        action=ModerationAction.Kind.APPROVE,
        profile=owned_profile,
        subject=owned_profile.name,
        association=Association.objects.get(slug="chemnitz"),
    )
    return {
        "profile": owned_profile,
        "membershiprequest": membership,
        "invitation": invitation,
        "moderationaction": action,
        "user": owner,
        "history_id": owned_profile.history.latest().history_id,
    }


@pytest.fixture
def leipzig_profile(other_member):
    return other_member.profiles.get()


def make_profile(slug="chemnitz", **kwargs):
    return ProfileFactory(municipality=Municipality.objects.get(slug=slug), **kwargs)
