"""Password checks outside the login and the data export are limited per account."""

import pytest

from konten.models import User
from mitglieder.models import Profile
from tests.factories import UserFactory

PASSWORD = "correct-horse-battery-staple"
NEW_PASSWORD = "ein-ganz-neues-passwort-42"


def change_password(client, url, old_password):
    return client.post(
        url,
        {
            "old_password": old_password,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )


@pytest.mark.parametrize("url", ["/konto/passwort-aendern/", "/admin/password_change/"])
def test_guessing_the_old_password_stops_after_five_wrong_ones(client, db, url):
    user = UserFactory(is_staff=True)
    client.force_login(user)
    for _guess in range(5):
        assert change_password(client, url, "falsch").status_code == 200
    response = change_password(client, url, PASSWORD)
    assert response.status_code == 200
    assert "old_password" in response.context["form"].errors
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_a_few_typos_do_not_stop_a_password_change(client, db):
    user = UserFactory()
    client.force_login(user)
    for _guess in range(4):
        change_password(client, "/konto/passwort-aendern/", "falsch")
    assert change_password(client, "/konto/passwort-aendern/", PASSWORD).status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_the_deletion_is_no_way_around_the_limit(client, owned_profile):
    owner = owned_profile.owners.get()
    client.force_login(owner)
    for _guess in range(5):
        client.post("/konto/loeschen/", {"confirmation": "falsch"})
    response = client.post("/konto/loeschen/", {"confirmation": PASSWORD})
    assert response.status_code == 200
    assert User.objects.filter(pk=owner.pk).exists()
    assert Profile.objects.filter(pk=owned_profile.pk).exists()


def test_the_data_export_is_limited_to_ten_an_hour(client, owner):
    client.force_login(owner)
    for _download in range(10):
        response = client.post("/konto/daten/")
        assert response["Content-Type"] == "application/zip"
        b"".join(response.streaming_content)
    response = client.post("/konto/daten/")
    assert response.status_code == 302
    assert response["Location"] == "/konto/daten/"
    page = client.get("/konto/daten/")
    assert len(list(page.context["messages"])) == 1
