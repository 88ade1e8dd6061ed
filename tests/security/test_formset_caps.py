"""A forged TOTAL_FORMS builds a handful of forms, not thousands.

`links-TOTAL_FORMS=1000000` used to make every profile save build and validate 1 008 link
forms in Mein Profil (2 000 in the admin): 3.4 s per request. Now a formset builds at most
the existing rows plus the new ones one submission may add, and says what went wrong.
"""

import pytest
from django.contrib import admin
from django.test import RequestFactory

from kern.formsets import BoundedFormSetMixin
from mitglieder.models import ProfileLink
from mitglieder.self_service_forms import MAX_LINKS
from tests.profile_forms import admin_change_data, edit_data

FORGED = 1_000_000


def test_mein_profil_answers_a_forged_form_count_with_a_form_error(client_for, owner):
    profile = owner.profiles.get()
    member = client_for(owner)
    data = edit_data(profile, tagline="Neu") | {"links-TOTAL_FORMS": FORGED}

    response = member.post(f"/mein-profil/{profile.pk}/bearbeiten/", data)

    assert response.status_code == 200
    links = response.context["links"]
    assert [error.code for error in links.non_form_errors().as_data()] == ["too_many_forms"]
    assert len(links.forms) <= 2 * MAX_LINKS
    profile.refresh_from_db()
    assert profile.tagline != "Neu"


def test_the_profile_admin_answers_a_forged_form_count_with_a_form_error(
    client_for, superuser, owned_profile
):
    staff = client_for(superuser)
    url, data = admin_change_data(staff, owned_profile, tagline="Neu")

    response = staff.post(url, data | {"links-TOTAL_FORMS": FORGED})

    assert response.status_code == 200
    built = {
        inline.formset.prefix: len(inline.formset.forms)
        for inline in response.context["inline_admin_formsets"]
    }
    assert built["links"] <= 2 * MAX_LINKS
    owned_profile.refresh_from_db()
    assert owned_profile.tagline != "Neu"


def test_a_profile_with_more_links_than_the_limit_can_still_be_saved(client_for, owner):
    # Staff could add any number of links before the admin kept to the members' limit.
    profile = owner.profiles.get()
    for number in range(MAX_LINKS + 2):
        ProfileLink.objects.create(
            profile=profile, kind="behance", url=f"https://www.behance.net/olga{number}"
        )
    member = client_for(owner)
    data = edit_data(profile, tagline="Zwei Links weniger")
    data |= {"links-0-DELETE": "on", "links-1-DELETE": "on"}

    response = member.post(f"/mein-profil/{profile.pk}/bearbeiten/", data)

    assert response.status_code == 302
    assert profile.links.count() == MAX_LINKS


@pytest.mark.django_db
def test_every_formset_in_the_admin_is_bounded(superuser):
    request = RequestFactory().get("/admin/")
    request.user = superuser
    unbounded = []
    for model, model_admin in admin.site._registry.items():
        for inline in model_admin.get_inline_instances(request):
            if not issubclass(inline.get_formset(request), BoundedFormSetMixin):
                unbounded.append(f"{model.__name__}: {type(inline).__name__}")
        if model_admin.list_editable and not issubclass(
            model_admin.get_changelist_formset(request), BoundedFormSetMixin
        ):
            unbounded.append(f"{model.__name__}: list_editable")

    assert unbounded == []
