"""Members post, edit, close and renew calls: who may, what is checked, how long a call lasts."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from kooperationen.models import CALL_LIFETIME_DAYS, Call
from kooperationen.services import POST_LIMIT
from teilmaerkte.models import Submarket
from tests.factories import ProfileFactory, UserFactory
from tests.kooperationen.call_data import days, make_call

CREATE = "/kooperationen/neu/"
MINE = "/kooperationen/meine/"


def german(msgid):
    with translation.override("de"):
        return translation.gettext(msgid)


def form_data(profile, **overrides):
    data = {
        "profile": profile.pk,
        "direction": "seeking",
        "title": "Suchen Illustratorin für ein Kinderbuch",
        "description": "Wir planen ein Bilderbuch über die Erzgebirgsbahn.",
        "submarkets": [Submarket.objects.get(slug="buchmarkt").pk],
        "municipality": "",
        "deadline": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def owned_call(owned_profile):
    return make_call(owned_profile, title="Olgas Aufruf")


def member_urls(call):
    return {
        "mine": ("get", MINE),
        "create": ("get", CREATE),
        "edit": ("get", f"/kooperationen/{call.pk}/bearbeiten/"),
        "close": ("post", f"/kooperationen/{call.pk}/schliessen/"),
        "renew": ("post", f"/kooperationen/{call.pk}/verlaengern/"),
    }


# The permission ladder


@pytest.mark.parametrize("page", ["mine", "create", "edit", "close", "renew"])
def test_anonymous_visitors_are_sent_to_the_login(client, owned_call, page):
    method, url = member_urls(owned_call)[page]
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("konten:login") + "?next=")


@pytest.mark.parametrize("page", ["edit", "close", "renew"])
@pytest.mark.parametrize("persona", ["other_member", "staff_dresden", "staff_chemnitz"])
def test_a_call_of_someone_else_does_not_exist_for_other_people(
    client_for, owned_call, page, persona, request
):
    method, url = member_urls(owned_call)[page]
    response = getattr(client_for(request.getfixturevalue(persona)), method)(url)
    assert response.status_code == 404
    owned_call.refresh_from_db()
    assert owned_call.status == Call.Status.PUBLISHED


def test_the_owner_reaches_every_page_of_their_call(client_for, owner, owned_call):
    client = client_for(owner)
    assert client.get(MINE).status_code == 200
    assert client.get(CREATE).status_code == 200
    assert client.get(f"/kooperationen/{owned_call.pk}/bearbeiten/").status_code == 200


def test_my_calls_lists_only_the_own(client_for, owner, owned_call, leipzig_profile):
    make_call(leipzig_profile, title="Ottos Aufruf")
    html = client_for(owner).get(MINE).content.decode()
    assert "Olgas Aufruf" in html
    assert "Ottos Aufruf" not in html


@pytest.mark.parametrize("url", [CREATE, MINE])
def test_an_account_without_a_profile_is_told_why_it_cannot_post(client_for, reference_data, url):
    response = client_for(UserFactory()).get(url)
    assert response.status_code == 403
    assert german("Only members can post calls") in response.content.decode()


def test_an_account_without_a_profile_cannot_post_either(client_for, reference_data):
    stranger = UserFactory()
    profile = ProfileFactory()
    response = client_for(stranger).post(CREATE, form_data(profile))
    assert response.status_code == 403
    assert not Call.objects.exists()


def test_an_editor_of_an_unpublished_profile_cannot_post(client_for, owner, owned_profile):
    owned_profile.status = "draft"
    owned_profile.save()
    response = client_for(owner).post(CREATE, form_data(owned_profile))
    assert response.status_code == 403
    assert (
        german(
            "Your profile is not published yet. You can post calls once your association has "
            "published it."
        )
        in response.content.decode()
    )
    assert not Call.objects.exists()


# Posting


def test_a_member_posts_a_call_that_is_online_at_once(client_for, owner, owned_profile):
    response = client_for(owner).post(CREATE, form_data(owned_profile))
    call = Call.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/kooperationen/{call.pk}/"
    assert call.profile == owned_profile
    assert call.author == owner
    assert call.status == Call.Status.PUBLISHED
    assert call.expires_on == days(CALL_LIFETIME_DAYS)
    assert call.municipality is None
    assert Client().get(f"/kooperationen/{call.pk}/").status_code == 200


def test_a_call_with_a_deadline_expires_on_it(client_for, owner, owned_profile):
    client_for(owner).post(
        CREATE, form_data(owned_profile, deadline=days(20).isoformat(), municipality="")
    )
    assert Call.objects.get().expires_on == days(20)


@pytest.mark.parametrize("deadline", [days(-1).isoformat(), "2026-02-30", "morgen"])
def test_a_deadline_in_the_past_or_no_date_is_refused(client_for, owner, owned_profile, deadline):
    response = client_for(owner).post(CREATE, form_data(owned_profile, deadline=deadline))
    assert response.status_code == 200
    assert response.context["form"].has_error("deadline")
    assert not Call.objects.exists()


def test_the_past_deadline_message_is_clear(client_for, owner, owned_profile):
    response = client_for(owner).post(
        CREATE, form_data(owned_profile, deadline=days(-3).isoformat())
    )
    assert german("The deadline cannot be in the past.") in response.content.decode()


def test_a_member_cannot_post_for_a_profile_they_do_not_edit(
    client_for, owner, owned_profile, leipzig_profile
):
    response = client_for(owner).post(CREATE, form_data(leipzig_profile))
    assert response.status_code == 200
    assert response.context["form"].has_error("profile")
    assert not Call.objects.exists()


def test_a_member_with_several_profiles_chooses_one(client_for, owner, owned_profile):
    second = ProfileFactory(name="Olgas Zweitfirma")
    second.owners.add(owner)
    client = client_for(owner)
    html = client.get(CREATE).content.decode()
    assert "Olgas Zweitfirma" in html and "Atelier Olga" in html
    client.post(CREATE, form_data(second))
    assert Call.objects.get().profile == second


def test_missing_fields_and_too_many_submarkets_are_explained(client_for, owner, owned_profile):
    too_many = list(Submarket.objects.values_list("pk", flat=True)[:6])
    response = client_for(owner).post(
        CREATE, form_data(owned_profile, title="", submarkets=too_many)
    )
    form = response.context["form"]
    assert form.has_error("title")
    assert form.has_error("submarkets")


def test_posting_is_limited_per_day(client_for, owner, owned_profile):
    client = client_for(owner)
    for _n in range(POST_LIMIT.attempts):
        assert client.post(CREATE, form_data(owned_profile)).status_code == 302
    response = client.post(CREATE, form_data(owned_profile))
    assert response.status_code == 429
    assert Call.objects.count() == POST_LIMIT.attempts


# Editing, closing, renewing


def test_the_owner_edits_a_call(client_for, owner, owned_profile, owned_call):
    response = client_for(owner).post(
        f"/kooperationen/{owned_call.pk}/bearbeiten/",
        form_data(owned_profile, title="Neuer Titel", municipality=""),
    )
    assert response.status_code == 302
    owned_call.refresh_from_db()
    assert owned_call.title == "Neuer Titel"


def test_a_changed_deadline_moves_the_expiry(client_for, owner, owned_profile, owned_call):
    client_for(owner).post(
        f"/kooperationen/{owned_call.pk}/bearbeiten/",
        form_data(owned_profile, deadline=days(7).isoformat()),
    )
    owned_call.refresh_from_db()
    assert owned_call.expires_on == days(7)


def test_a_closed_call_leaves_the_list_and_the_profile(
    client_for, owner, owned_profile, owned_call
):
    client_for(owner).post(f"/kooperationen/{owned_call.pk}/schliessen/")
    owned_call.refresh_from_db()
    assert owned_call.status == Call.Status.CLOSED
    anonymous = Client()
    assert anonymous.get(f"/kooperationen/{owned_call.pk}/").status_code == 404
    assert "Olgas Aufruf" not in anonymous.get(owned_profile.get_absolute_url()).content.decode()


def test_renewing_an_expired_call_brings_it_back_for_another_period(
    client_for, owner, owned_profile
):
    call = make_call(owned_profile, title="Abgelaufen", expires_on=days(-2))
    client_for(owner).post(f"/kooperationen/{call.pk}/verlaengern/")
    call.refresh_from_db()
    assert call.expires_on == days(CALL_LIFETIME_DAYS)
    assert Call.objects.public().filter(pk=call.pk).exists()


def test_a_hidden_call_cannot_be_renewed_by_its_member(client_for, owner, owned_profile):
    call = make_call(owned_profile, status=Call.Status.HIDDEN)
    response = client_for(owner).post(f"/kooperationen/{call.pk}/verlaengern/", follow=True)
    call.refresh_from_db()
    assert call.status == Call.Status.HIDDEN
    assert len(list(response.context["messages"])) == 1


def test_close_and_renew_need_a_post(client_for, owner, owned_call):
    client = client_for(owner)
    assert client.get(f"/kooperationen/{owned_call.pk}/schliessen/").status_code == 405
    assert client.get(f"/kooperationen/{owned_call.pk}/verlaengern/").status_code == 405


def test_close_and_renew_need_the_csrf_token(owner, owned_call):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    assert client.post(f"/kooperationen/{owned_call.pk}/schliessen/").status_code == 403
