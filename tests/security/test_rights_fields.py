"""Finding 6: Landesverband staff could grant "sees all associations" and set passwords.

Posting `association=<Landesverband>` for a Dresden staff member made them see every
association's profiles and drafts, and `/admin/accounts/user/<id>/password/` let the
Landesverband set any staff member's password. Now only superusers change rights fields
(association, staff and superuser status, groups, permissions), staff accounts and other
people's passwords (verbaende.roles.may_grant_rights); the role group follows the
association.
"""

import pytest
from django.contrib.auth.models import Group
from django.forms import (
    BooleanField,
    ModelChoiceField,
    ModelMultipleChoiceField,
    SplitDateTimeField,
)

from konten.models import User
from mitglieder.models import Profile
from tests.association_forms import association_data
from tests.factories import make_profile
from verbaende.roles import LANDESVERBAND_GROUP, REGIONAL_GROUP
from verbaende.scoping import sees_all_associations


def change_data(client, account, **changes):
    """The user admin's change form of `account` as `client` sees it, ready to post."""
    form = client.get(f"/admin/accounts/user/{account.pk}/change/").context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name)
        if field.disabled or value is None:
            continue
        if isinstance(field, SplitDateTimeField):
            data |= {f"{name}_0": value.date().isoformat(), f"{name}_1": value.time().isoformat()}
        elif isinstance(field, ModelMultipleChoiceField):
            data[name] = [getattr(row, "pk", row) for row in value]
        elif isinstance(field, ModelChoiceField):
            data[name] = getattr(value, "pk", value)
        elif isinstance(field, BooleanField):
            if value:
                data[name] = "on"
        else:
            data[name] = value
    data |= changes
    return {key: value for key, value in data.items() if value is not False}


def test_the_landesverband_cannot_make_regional_staff_see_all_associations(
    client_for, staff_landesverband, staff_dresden, landesverband, leipzig_profile
):
    client = client_for(staff_landesverband)
    page = client.get(f"/admin/accounts/user/{staff_dresden.pk}/change/")
    # A staff account is the superusers' business: the Landesverband may only look.
    assert page.status_code == 200
    assert "association" not in page.context["adminform"].form.fields

    response = client.post(
        f"/admin/accounts/user/{staff_dresden.pk}/change/",
        {
            "email": staff_dresden.email,
            "association": landesverband.pk,
            "is_active": "on",
            "is_staff": "on",
        },
    )

    assert response.status_code == 403
    staff_dresden = User.objects.get(pk=staff_dresden.pk)
    assert staff_dresden.association.slug == "dresden"
    assert not sees_all_associations(staff_dresden)
    assert not Profile.objects.visible_to(staff_dresden).filter(pk=leipzig_profile.pk).exists()


def test_the_landesverband_changes_a_members_name_but_not_their_rights(
    client_for, staff_landesverband, owner, landesverband
):
    client = client_for(staff_landesverband)
    data = change_data(client, owner, full_name="Olga Neu")
    data |= {"association": landesverband.pk, "is_staff": "on", "is_superuser": "on"}
    data["groups"] = list(Group.objects.values_list("pk", flat=True))

    response = client.post(f"/admin/accounts/user/{owner.pk}/change/", data)

    assert response.status_code == 302
    owner = User.objects.get(pk=owner.pk)
    assert owner.full_name == "Olga Neu"
    assert owner.association is None
    assert not owner.is_staff
    assert not owner.is_superuser
    assert not owner.groups.exists()


# Whose password may be set in the admin, by role; the targets are a member, regional
# staff and the Landesverband's staff.
PASSWORD_PAGE = {
    "anonymous": 302,
    "member": 302,
    "chemnitz": 403,
    "dresden": 403,
    "leipzig": 403,
    "landesverband": 403,
    "superuser": 200,
}


@pytest.mark.parametrize("role", list(PASSWORD_PAGE))
@pytest.mark.parametrize("target", ["member", "dresden", "landesverband"])
def test_only_superusers_set_other_peoples_passwords(client_for, roles, role, target):
    url = f"/admin/accounts/user/{roles[target].pk}/password/"
    assert client_for(roles[role]).get(url).status_code == PASSWORD_PAGE[role]


def test_a_posted_password_from_the_landesverband_changes_nothing(
    client_for, staff_landesverband, staff_dresden
):
    response = client_for(staff_landesverband).post(
        f"/admin/accounts/user/{staff_dresden.pk}/password/",
        {"password1": "taken-over-Passw0rd!", "password2": "taken-over-Passw0rd!"},
    )

    assert response.status_code == 403
    assert not User.objects.get(pk=staff_dresden.pk).check_password("taken-over-Passw0rd!")


def test_the_landesverband_cannot_deactivate_or_delete_staff(
    client_for, staff_landesverband, staff_dresden
):
    client = client_for(staff_landesverband)
    url = f"/admin/accounts/user/{staff_dresden.pk}/"
    assert client.post(url + "change/", {"email": staff_dresden.email}).status_code == 403
    assert client.post(url + "delete/", {"post": "yes"}).status_code == 403
    assert User.objects.get(pk=staff_dresden.pk).is_active


def test_a_superuser_moving_staff_to_the_landesverband_gives_them_its_role(
    client_for, superuser, staff_dresden, landesverband, leipzig_profile
):
    client = client_for(superuser)
    data = change_data(client, staff_dresden, association=landesverband.pk)

    response = client.post(f"/admin/accounts/user/{staff_dresden.pk}/change/", data)

    assert response.status_code == 302
    moved = User.objects.get(pk=staff_dresden.pk)
    assert list(moved.groups.values_list("name", flat=True)) == [LANDESVERBAND_GROUP]
    assert Profile.objects.visible_to(moved).filter(pk=leipzig_profile.pk).exists()


def test_a_superuser_taking_staff_status_away_takes_the_role_too(
    client_for, superuser, staff_dresden
):
    client = client_for(superuser)
    data = change_data(client, staff_dresden, is_staff=False)

    assert client.post(f"/admin/accounts/user/{staff_dresden.pk}/change/", data).status_code == 302
    assert not User.objects.get(pk=staff_dresden.pk).groups.filter(name=REGIONAL_GROUP).exists()


def test_regional_staff_change_no_accounts_at_all(client_for, staff_dresden, reference_data):
    member = User.objects.create_user(email="mia@example.org", full_name="Mia")
    make_profile("dresden").owners.add(member)

    response = client_for(staff_dresden).post(
        f"/admin/accounts/user/{member.pk}/change/", {"email": member.email, "full_name": "X"}
    )

    assert response.status_code == 403
    assert User.objects.get(pk=member.pk).full_name == "Mia"


def test_the_landesverband_cannot_turn_a_regional_association_into_a_state_one(
    client_for, staff_landesverband, staff_dresden, dresden, leipzig_profile
):
    data = association_data(dresden, kind="state", tagline="Neuer Fokus.")

    response = client_for(staff_landesverband).post(
        f"/admin/verbaende/association/{dresden.pk}/change/", data
    )

    assert response.status_code == 302
    dresden.refresh_from_db()
    assert dresden.tagline == "Neuer Fokus."
    assert not dresden.is_state_association
    assert not sees_all_associations(User.objects.get(pk=staff_dresden.pk))


def test_a_superuser_may_change_an_associations_kind(client_for, superuser, dresden):
    data = association_data(dresden, kind="state")
    response = client_for(superuser).post(
        f"/admin/verbaende/association/{dresden.pk}/change/", data
    )
    assert response.status_code == 302
    dresden.refresh_from_db()
    assert dresden.is_state_association
