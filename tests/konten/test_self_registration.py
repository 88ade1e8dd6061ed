"""/konto/registrieren/: accounts for space posters who are not members."""

import io
import json
import re
import time
import zipfile
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone, translation

from konten import registration
from konten.models import User
from tests.factories import UserFactory

REGISTER = "/konto/registrieren/"
SENT = "/konto/registrieren/gesendet/"
PASSWORD = "mein-sicheres-passwort-1"


def german(msgid):
    with translation.override("de"):
        return translation.gettext(msgid)


def form(**overrides):
    data = {
        "email": "Amt@Beispielstadt.example",
        "full_name": "Frau Amtmann",
        "organisation": "Wirtschaftsförderung Beispielstadt",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "privacy": "on",
    }
    data.update(overrides)
    return data


@pytest.fixture
def post(client, reference_data, django_capture_on_commit_callbacks):
    def send(data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(REGISTER, data)

    return send


def link_path(message):
    return re.search(r"https?://[^/\s]+(/konto/registrieren/bestaetigen/\S+/)", message.body).group(
        1
    )


def test_registering_creates_an_inactive_account_and_mails_a_link(post):
    response = post(form())
    assert response.status_code == 302
    assert response["Location"] == SENT
    user = User.objects.get()
    assert user.email == "amt@beispielstadt.example"
    assert user.organisation == "Wirtschaftsförderung Beispielstadt"
    assert not user.is_active
    assert user.check_password(PASSWORD)
    assert not (user.is_staff or user.is_superuser or user.association_id or user.groups.exists())
    (message,) = mail.outbox
    assert message.to == ["amt@beispielstadt.example"]
    assert link_path(message)


def test_the_link_asks_then_activates_and_logs_in(client, post):
    post(form())
    path = link_path(mail.outbox[0])
    page = client.get(path)
    assert page.status_code == 200
    assert not User.objects.get().is_active  # a mail program opening the link changes nothing
    response = client.post(path)
    assert response.status_code == 302
    assert response["Location"] == "/raeume/neu/"  # straight on to offering a space
    assert client.get(response["Location"]).status_code == 200
    user = User.objects.get()
    assert user.is_active and user.registration_confirmed_at is not None
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_used_link_is_refused_clearly(client, post):
    post(form())
    path = link_path(mail.outbox[0])
    client.post(path)
    client.logout()
    for response in (client.get(path), client.post(path)):
        assert response.status_code == 410
        assert german("This confirmation link is not valid") in response.content.decode()


@pytest.mark.parametrize(
    "token", ["kaputt", "a" * 300, "eyJ1c2VyIjoxfQ:1abcde:xyz", "%00", "..%2F.."]
)
def test_forged_links_are_refused_without_error(client, reference_data, token):
    response = client.get(f"/konto/registrieren/bestaetigen/{token}/")
    assert response.status_code in (404, 410)


def test_a_token_signed_for_another_purpose_is_refused(client, reference_data):
    user = UserFactory(is_active=False, registered_at=timezone.now())
    from django.core import signing

    token = signing.dumps({"user": user.pk, "email": user.email}, salt="something-else")
    assert client.get(f"/konto/registrieren/bestaetigen/{token}/").status_code == 410


def test_an_expired_link_is_refused(client, post, monkeypatch):
    post(form())
    path = link_path(mail.outbox[0])
    later = time.time() + timedelta(days=registration.CONFIRM_DAYS, hours=1).total_seconds()
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)
    response = client.post(path)
    assert response.status_code == 410
    assert not User.objects.get().is_active


def test_an_existing_address_gets_the_same_answer_and_a_hint_by_mail(post, reference_data):
    UserFactory(email="amt@beispielstadt.example", full_name="Schon Da")
    fresh = post(form(email="neu@beispielstadt.example"))
    taken = post(form())
    assert taken.status_code == fresh.status_code == 302
    assert taken["Location"] == fresh["Location"]
    assert User.objects.filter(email__iexact="amt@beispielstadt.example").count() == 1
    existing_mail = mail.outbox[1]
    assert existing_mail.to == ["amt@beispielstadt.example"]
    assert "/konto/passwort-vergessen/" in existing_mail.body
    assert "bestaetigen" not in existing_mail.body
    assert User.objects.get(email="amt@beispielstadt.example").check_password(
        "correct-horse-battery-staple"
    )


def test_registering_again_before_confirming_sends_a_new_link(post):
    post(form())
    post(
        form(
            full_name="Frau Amtfrau",
            password1="noch-ein-passwort-2",
            password2="noch-ein-passwort-2",
        )
    )
    user = User.objects.get()
    assert user.full_name == "Frau Amtfrau"
    assert len(mail.outbox) == 2


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"privacy": ""}, "privacy"),
        ({"email": "kein-mail"}, "email"),
        ({"password2": "etwas-anderes-9"}, "password2"),
        ({"password1": "12345678", "password2": "12345678"}, "password1"),
        ({"password1": "beispielstadt1", "password2": "beispielstadt1"}, "password1"),
        ({"full_name": "Zeile\nZwei"}, "full_name"),
        ({"full_name": ""}, "full_name"),
    ],
)
def test_bad_input_is_explained_and_creates_nothing(post, overrides, field):
    response = post(form(**overrides))
    assert response.status_code == 200
    assert response.context["form"].has_error(field)
    assert not User.objects.exists()
    assert not mail.outbox


def test_a_filled_honeypot_looks_like_success_and_creates_nothing(post):
    response = post(form(homepage="https://spam.example"))
    assert response["Location"] == SENT
    assert not User.objects.exists()


def test_registrations_are_limited_per_client(post):
    for n in range(registration.PER_CLIENT.attempts):
        assert post(form(email=f"amt{n}@beispielstadt.example")).status_code == 302
    response = post(form(email="noch-eins@beispielstadt.example"))
    assert response.status_code == 429
    assert User.objects.count() == registration.PER_CLIENT.attempts


def test_the_purge_deletes_only_old_unconfirmed_registrations(reference_data):
    old = timezone.now() - timedelta(days=registration.PURGE_DAYS + 1)
    stale = UserFactory(is_active=False, registered_at=old)
    recent = UserFactory(is_active=False, registered_at=timezone.now())
    confirmed = UserFactory(registered_at=old, registration_confirmed_at=old)
    invited = UserFactory(is_active=False)
    call_command("purge_unconfirmed_accounts", stdout=open("/dev/null", "w"))  # noqa: SIM115
    remaining = set(User.objects.values_list("pk", flat=True))
    assert stale.pk not in remaining
    assert {recent.pk, confirmed.pk, invited.pk} <= remaining


def test_the_login_page_links_to_registration(client, reference_data):
    html = client.get("/konto/anmelden/").content.decode()
    assert f'href="{REGISTER}"' in html


def test_a_registered_account_is_told_it_has_no_profile(client, reference_data):
    user = UserFactory(registered_at=timezone.now(), registration_confirmed_at=timezone.now())
    client.force_login(user)
    response = client.get("/mein-profil/")
    assert response.status_code == 200
    assert german("No profile is linked to your account yet.") in response.content.decode()
    assert client.get("/kooperationen/neu/").status_code == 403


def test_an_unconfirmed_account_cannot_log_in(reference_data):
    client = Client()
    UserFactory(email="warte@example.org", is_active=False, registered_at=timezone.now())
    response = client.post(
        "/konto/anmelden/",
        {"username": "warte@example.org", "password": "correct-horse-battery-staple"},
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_the_data_export_contains_the_registration_details(client, reference_data):
    user = UserFactory(
        organisation="Gemeinde Beispielstadt",
        registered_at=timezone.now(),
        registration_confirmed_at=timezone.now(),
    )
    client.force_login(user)
    response = client.post("/konto/daten/")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    account = json.loads(archive.read("daten.json"))["account"]
    assert account["organisation"] == "Gemeinde Beispielstadt"
    assert account["registered_at"] and account["registration_confirmed_at"]
