"""Roles come from the migration (and `setup_roles`); scoping applies to writes too."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from mitglieder.models import Profile
from moderation.queue import profile_diff
from teilmaerkte.models import Discipline
from verbaende.models import Municipality
from verbaende.roles import LANDESVERBAND_GROUP, REGIONAL_GROUP
from verbaende.scoping import sees_all_associations


@pytest.mark.django_db
def test_the_migration_created_both_roles_and_setup_roles_is_idempotent():
    regional = set(
        Group.objects.get(name=REGIONAL_GROUP).permissions.values_list("codename", flat=True)
    )
    assert {"change_profile", "view_membershiprequest", "moderate"} <= regional
    assert "change_page" not in regional
    assert "change_user" not in regional
    state = Group.objects.get(name=LANDESVERBAND_GROUP)
    assert state.permissions.filter(codename="change_page").exists()

    call_command("setup_roles", stdout=io.StringIO())
    call_command("setup_roles", stdout=io.StringIO())

    assert Group.objects.filter(name__in=[REGIONAL_GROUP, LANDESVERBAND_GROUP]).count() == 2
    assert (
        set(Group.objects.get(name=REGIONAL_GROUP).permissions.values_list("codename", flat=True))
        == regional
    )


def test_who_sees_all_associations(staff_chemnitz, staff_landesverband, superuser, owner):
    assert sees_all_associations(staff_landesverband)
    assert sees_all_associations(superuser)
    assert not sees_all_associations(staff_chemnitz)
    assert not sees_all_associations(owner)


def test_regional_staff_can_only_choose_their_own_association(client_for, staff_chemnitz):
    page = client_for(staff_chemnitz).get("/admin/mitglieder/profile/add/")
    choices = page.context["adminform"].form.fields["association"].queryset
    assert [a.slug for a in choices] == ["chemnitz"]


def test_a_profile_added_by_regional_staff_stays_in_their_association(client_for, staff_chemnitz):
    leipzig = Municipality.objects.get(slug="leipzig")
    discipline = Discipline.objects.first()
    data = {
        "name": "Neu in Leipzig",
        "slug": "neu-in-leipzig",
        "kind": "person",
        "municipality": leipzig.pk,
        "disciplines": [discipline.pk],
        "tagline": "Kurz.",
        "phone_visibility": "hidden",
        "address_visibility": "hidden",
        "listed_in_directory": "on",
    }
    for prefix in ["links", "gallery", "moderation_actions"]:
        data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
    response = client_for(staff_chemnitz).post("/admin/mitglieder/profile/add/", data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Profile.objects.get(slug="neu-in-leipzig").association.slug == "chemnitz"


def test_the_diff_names_disciplines_and_places(owner, owned_profile):
    reviewed_at = owned_profile.history.latest().history_date
    owned_profile._history_user = owner
    owned_profile.municipality = Municipality.objects.get(slug="leipzig")
    owned_profile.save()
    owned_profile.disciplines.set([Discipline.objects.get(slug="fotografie")])

    rows = {label: (old, new) for label, old, new in profile_diff(owned_profile, reviewed_at)}

    label = lambda name: str(Profile._meta.get_field(name).verbose_name)  # noqa: E731
    assert rows[label("municipality")] == ("Chemnitz", "Leipzig")
    assert rows[label("disciplines")] == ("Kommunikationsdesign", "Fotografie")
