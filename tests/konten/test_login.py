import pytest
from django.conf import settings
from django.core import mail
from django.test import Client, override_settings

from konten.models import User
from tests.factories import UserFactory

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def member(db):
    return UserFactory(email="lena@example.org")


def log_in(client, email, password=PASSWORD):
    return client.post("/konto/anmelden/", {"username": email, "password": password})


def test_members_log_in_with_their_email_address(client, member):
    response = log_in(client, "Lena@Example.org")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)


def test_a_wrong_password_gets_a_clear_german_message(client, member):
    response = log_in(client, "lena@example.org", "falsch")
    assert response.status_code == 200
    assert "E-Mail-Adresse und Passwort passen nicht zusammen" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_repeated_failures_lock_the_login_for_a_while(client, member):
    for _attempt in range(5):
        log_in(client, "lena@example.org", "falsch")
    response = log_in(client, "lena@example.org")
    assert response.status_code == 429
    assert "15 Minuten" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_passwords_are_hashed_with_argon2(db):
    # The production setting; the suite itself hashes with MD5 for speed (tests/conftest.py).
    from kreativ_sachsen import settings as production_settings

    with override_settings(PASSWORD_HASHERS=production_settings.PASSWORD_HASHERS):
        member = UserFactory(email="lena@example.org")
        assert User.objects.get(pk=member.pk).password.startswith("argon2")
        client = Client()
        assert log_in(client, "lena@example.org").status_code == 302


def test_the_login_form_requires_a_csrf_token(member):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/konto/anmelden/", {"username": member.email, "password": PASSWORD})
    assert response.status_code == 403


def test_logging_out_needs_a_post(client, member):
    client.force_login(member)
    assert client.get("/konto/abmelden/").status_code == 405
    client.post("/konto/abmelden/")
    assert "_auth_user_id" not in client.session


def test_a_password_reset_mail_is_german_and_its_link_works(client, member):
    response = client.post("/konto/passwort-vergessen/", {"email": "lena@example.org"})
    assert response.status_code == 302
    message = mail.outbox[0]
    assert message.subject == "Ihr neues Passwort für Kreativ Sachsen"
    link = next(line for line in message.body.splitlines() if "/konto/passwort-neu/" in line)
    assert link.startswith(settings.SITE_URL)
    path = link.removeprefix(settings.SITE_URL)
    form_page = client.get(path, follow=True)
    assert "Neues Passwort wählen" in form_page.content.decode()
    response = client.post(
        form_page.redirect_chain[-1][0],
        {
            "new_password1": "ein-ganz-neues-passwort-42",
            "new_password2": "ein-ganz-neues-passwort-42",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password("ein-ganz-neues-passwort-42")


def test_a_reset_for_an_unknown_address_reveals_nothing(client, db):
    response = client.post("/konto/passwort-vergessen/", {"email": "niemand@example.org"})
    assert response.status_code == 302
    assert not mail.outbox


def test_members_change_their_password(client, member):
    client.force_login(member)
    response = client.post(
        "/konto/passwort-aendern/",
        {
            "old_password": PASSWORD,
            "new_password1": "noch-ein-neues-passwort-7",
            "new_password2": "noch-ein-neues-passwort-7",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password("noch-ein-neues-passwort-7")


def test_changing_the_password_needs_a_login(client, db):
    response = client.get("/konto/passwort-aendern/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/anmelden/")
