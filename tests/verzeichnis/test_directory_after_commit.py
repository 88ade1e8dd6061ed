"""The directory's search index follows a change once its transaction commits.

The signals defer the reindex to the commit (mitglieder.indexing). A test's own transaction
never commits, so these tests run the after-commit work where a request's transaction
would commit: `django_capture_on_commit_callbacks(execute=True)` around the request.
"""

import pytest
from django.db import transaction

from mitglieder import indexing
from tests.factories import place
from tests.profile_forms import admin_change_data, edit_data

DIRECTORY = "/mitglieder/"


def names(response):
    return [profile.name for profile in response.context["page"].object_list]


def found(client, query):
    return names(client.get(DIRECTORY, {"q": query}))


def test_a_members_edit_is_found_in_the_directory_right_after_the_redirect(
    client, client_for, owner, owned_profile, directory_members, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(owner).post(
            f"/mein-profil/{owned_profile.pk}/bearbeiten/",
            edit_data(owned_profile, name="Zinnober Siebdruck", municipality=place("plauen").pk),
        )
    assert response.status_code == 302

    client.logout()
    assert found(client, "Zinnober") == ["Zinnober Siebdruck"]
    assert sorted(found(client, "Plauen")) == ["Baumann Architektur", "Zinnober Siebdruck"]
    assert "Atelier Olga" not in found(client, "Atelier")
    # Sorted under its new name: last, after "Kollektiv Zwischenraum" and "Ostwind Games".
    assert names(client.get(DIRECTORY))[-1] == "Zinnober Siebdruck"


def test_a_staff_edit_in_the_admin_is_found_in_the_directory_right_after_the_redirect(
    client, client_for, owned_profile, staff_chemnitz, django_capture_on_commit_callbacks
):
    staff = client_for(staff_chemnitz)
    url, data = admin_change_data(staff, owned_profile, name="Lindgrün Verlag")

    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    client.logout()
    assert found(client, "Lindgrün") == ["Lindgrün Verlag"]


def test_a_rolled_back_save_leaves_the_index_as_it_was(
    client, directory_members, django_capture_on_commit_callbacks
):
    games = directory_members["ostwind"]
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        games.name = "Westwind Spiele"
        games.save()
        raise RuntimeError("the request failed after the save")

    assert found(client, "Westwind") == []
    assert found(client, "Ostwind") == ["Ostwind Games"]

    # The next commit, of another change, does not bring the rolled-back name back.
    other = directory_members["bauer"]
    other.tagline = "Umbau, Denkmalpflege und Holzbau im Vogtland."
    with django_capture_on_commit_callbacks(execute=True):
        other.save()
    assert found(client, "Holzbau") == ["Baumann Architektur"]
    assert found(client, "Westwind") == []
    assert found(client, "Ostwind") == ["Ostwind Games"]


def test_one_transaction_is_reindexed_once_for_everything_it_touched(
    client, directory_members, monkeypatch, django_capture_on_commit_callbacks
):
    reindexed = []
    refresh = indexing.refresh_search_index
    monkeypatch.setattr(
        indexing,
        "refresh_search_index",
        lambda profile_ids: reindexed.append(set(profile_ids)) or refresh(profile_ids),
    )
    renamed = {"mueller": "Mönch Fotografie", "aepfel": "Quitte & Birne Designbüro"}
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for key, name in renamed.items():
            profile = directory_members[key]
            profile.name = name
            profile.save()
        plauen = place("plauen")
        plauen.name = "Spitzenstadt Plauen"
        plauen.save()

    # One reindex; it may cover more: the test's transaction also holds the fixture's saves.
    assert len(reindexed) == 1
    members = directory_members
    assert {members["mueller"].pk, members["aepfel"].pk, members["bauer"].pk} <= reindexed[0]
    assert found(client, "Mönch") == ["Mönch Fotografie"]
    assert found(client, "Quitte") == ["Quitte & Birne Designbüro"]
    assert found(client, "Spitzenstadt") == ["Baumann Architektur"]
    assert found(client, "Ostwind") == ["Ostwind Games"]
