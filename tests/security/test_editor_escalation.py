"""Finding 4: regional staff could add any account as a profile's editor and then read it.

A user became visible to a regional team (user admin, editor choices, CSV export) by being
an editor of one of its profiles, whoever put them there. So once the Landesverband or a
superuser edited a Dresden profile, Dresden staff could open their accounts, add them to
every Dresden profile and export their addresses. Now regional staff see only themselves
and the *members* editing their profiles, and every relation field of every admin offers
only what `visible_to` gives.
"""

import csv
import io

import pytest
from django.contrib import admin
from django.forms import ModelChoiceField
from django.test import RequestFactory

from konten.models import User
from mitglieder.models import Profile
from tests.factories import make_profile
from tests.profile_forms import admin_change_data
from verbaende.models import Association
from verbaende.scoping import AssociationScopedAdmin, is_association_owned, visible_associations


@pytest.fixture
def dresden_profiles(reference_data, superuser, staff_landesverband):
    """Two Dresden profiles; on the first the superuser and the Landesverband are editors,
    as when they helped a member set it up."""
    helped = make_profile("dresden", name="Dresdner Atelier")
    helped.owners.add(superuser, staff_landesverband)
    return helped, make_profile("dresden", name="Dresdner Studio")


@pytest.mark.parametrize("intruder", ["other_member", "superuser", "staff_landesverband"])
def test_regional_staff_cannot_make_an_outsider_an_editor(
    request, client_for, staff_dresden, dresden_profiles, intruder
):
    outsider = request.getfixturevalue(intruder)
    _helped, profile = dresden_profiles
    client = client_for(staff_dresden)
    url, data = admin_change_data(client, profile, owners=[outsider.pk])

    response = client.post(url, data)

    assert response.status_code == 200
    assert "owners" in response.context["adminform"].form.errors
    assert not profile.owners.exists()


def test_the_issues_post_with_three_outsiders_fails_and_saves_nothing(
    client_for, staff_dresden, dresden_profiles, other_member, superuser, staff_landesverband
):
    _helped, profile = dresden_profiles
    client = client_for(staff_dresden)
    owners = [other_member.pk, superuser.pk, staff_landesverband.pk]
    url, data = admin_change_data(client, profile, owners=owners, tagline="Geändert.")

    response = client.post(url, data)

    assert response.status_code == 200
    profile.refresh_from_db()
    assert profile.tagline != "Geändert."
    assert not profile.owners.exists()


def test_regional_staff_may_still_add_a_member_who_edits_one_of_their_profiles(
    client_for, staff_dresden, dresden_profiles
):
    helped, profile = dresden_profiles
    member = User.objects.create_user(email="mia@example.org")
    helped.owners.add(member)
    client = client_for(staff_dresden)
    url, data = admin_change_data(client, profile, owners=[member.pk])

    assert client.post(url, data).status_code == 302
    assert list(profile.owners.all()) == [member]


def test_saving_keeps_the_editors_a_regional_team_cannot_see(
    client_for, staff_dresden, dresden_profiles, superuser, staff_landesverband
):
    helped, _profile = dresden_profiles
    member = User.objects.create_user(email="mia@example.org")
    helped.owners.add(member)
    client = client_for(staff_dresden)
    url, data = admin_change_data(client, helped, owners=[member.pk], tagline="Neu.")

    assert client.post(url, data).status_code == 302
    assert set(helped.owners.all()) == {member, superuser, staff_landesverband}


# The account of a superuser who edits a Dresden profile, for every role.
SUPERUSER_ACCOUNT = {
    "anonymous": 302,
    "member": 302,
    "chemnitz": 404,
    "dresden": 404,
    "leipzig": 404,
    "landesverband": 200,
    "superuser": 200,
}


@pytest.mark.parametrize("role", list(SUPERUSER_ACCOUNT))
@pytest.mark.parametrize("view", ["change/", "history/"])
def test_editing_a_regional_profile_does_not_open_a_superusers_account(
    client_for, roles, dresden_profiles, role, view
):
    url = f"/admin/accounts/user/{roles['superuser'].pk}/{view}"
    assert client_for(roles[role]).get(url).status_code == SUPERUSER_ACCOUNT[role]


def test_the_user_list_of_regional_staff_shows_members_but_no_staff(
    client_for, staff_dresden, dresden_profiles, superuser, staff_landesverband
):
    helped, _profile = dresden_profiles
    helped.owners.add(User.objects.create_user(email="mia@example.org"))

    page = client_for(staff_dresden).get("/admin/accounts/user/").content.decode()

    assert "mia@example.org" in page
    assert superuser.email not in page
    assert staff_landesverband.email not in page


def test_the_csv_export_of_regional_staff_lists_no_addresses_of_staff(
    client_for, staff_dresden, dresden_profiles, superuser, staff_landesverband
):
    helped, _profile = dresden_profiles
    helped.owners.add(User.objects.create_user(email="mia@example.org"))
    response = client_for(staff_dresden).post(
        "/admin/mitglieder/profile/",
        {"action": "export_csv", "_selected_action": [helped.pk]},
    )

    text = response.content.decode("utf-8").lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[1][0] == "Dresdner Atelier"
    assert rows[1][-1] == "mia@example.org"
    assert superuser.email not in text
    assert staff_landesverband.email not in text


def test_the_editor_autocomplete_of_regional_staff_offers_no_staff(
    client_for, staff_dresden, dresden_profiles, superuser
):
    url = "/admin/autocomplete/?app_label=mitglieder&model_name=profile&field_name=owners&term="
    found = client_for(staff_dresden).get(url).json()["results"]
    assert str(superuser.pk) not in {result["id"] for result in found}


# --- every relation field of every admin ----------------------------------------------


def _forms(model_admin, request):
    """The add and change form classes of an admin, with those of its inlines."""
    obj = model_admin.get_queryset(request).first()
    targets = [(None, False)] + ([(obj, True)] if obj is not None else [])
    for target, change in targets:
        yield model_admin.get_form(request, target, change=change)
        for formset, _inline in model_admin.get_formsets_with_inlines(request, target):
            yield formset.form


def _relation_fields(request):
    for model, model_admin in admin.site._registry.items():
        if not model._meta.managed:
            continue  # the moderation queue: a page, no table and no form
        for form in _forms(model_admin, request):
            for name, field in form.base_fields.items():
                if isinstance(field, ModelChoiceField):
                    yield f"{model._meta.label}.{name}", model_admin, field


@pytest.mark.parametrize("role", ["dresden", "landesverband"])
def test_every_relation_field_offers_only_what_the_staff_member_may_see(
    roles, chemnitz_objects, leipzig_profile, dresden_profiles, role
):
    """Walks the admin registry: a relation to an association-owned model offers only rows
    of `visible_to`; a scoped admin's relation to an association only associations the
    staff member may file rows under."""
    user = roles[role]
    request = RequestFactory().get("/admin/")
    request.user = user
    checked = set()
    for label, model_admin, field in _relation_fields(request):
        related = field.queryset.model
        if is_association_owned(related):
            allowed = related._default_manager.visible_to(user)
        elif related is Association and isinstance(model_admin, AssociationScopedAdmin):
            allowed = visible_associations(user)
        else:
            continue
        outside = field.queryset.exclude(pk__in=allowed.values("pk"))
        assert not outside.exists(), (label, list(outside))
        checked.add(label)
    # The walk reached the fields the finding was about.
    assert {"mitglieder.Profile.owners", "mitglieder.Profile.association"} <= checked


def test_no_relation_field_offers_a_regional_team_staff_accounts(
    roles, chemnitz_objects, dresden_profiles
):
    request = RequestFactory().get("/admin/")
    request.user = roles["dresden"]
    for label, _model_admin, field in _relation_fields(request):
        if field.queryset.model is User:
            offered = field.queryset.exclude(pk=request.user.pk)
            assert not offered.filter(is_staff=True).exists(), label
            assert not offered.filter(is_superuser=True).exists(), label
    assert Profile.objects.visible_to(request.user).filter(owners__is_superuser=True).exists()
