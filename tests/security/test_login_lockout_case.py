"""Finding 5: the login lockout held for one spelling of an address only, and nothing
limited one client trying one password against many accounts (password spraying)."""

import pytest
from django.test import Client, override_settings

from tests.factories import UserFactory

PASSWORD = "correct-horse-battery-staple"
LOGIN = "/konto/anmelden/"


def log_in(client, email, password=PASSWORD, **extra):
    return client.post(LOGIN, {"username": email, "password": password}, **extra)


def logged_in(client):
    return "_auth_user_id" in client.session


@pytest.fixture
def alice(db):
    return UserFactory(email="alice@example.test")


def test_the_lock_holds_for_every_spelling_of_the_address(client, alice):
    for _attempt in range(5):
        log_in(client, "alice@example.test", "wrong")
    for spelling in ["ALICE@example.test", "Alice@Example.Test", "  alice@EXAMPLE.test  "]:
        response = log_in(client, spelling)
        assert response.status_code == 429, spelling
        assert not response.context["whole_client"]
        assert not logged_in(client)


def test_failures_in_different_spellings_count_together(client, alice):
    for spelling in ["alice@example.test", "ALICE@EXAMPLE.TEST", "Alice@example.test"] * 2:
        log_in(client, spelling, "wrong")
    response = log_in(client, "alice@example.test")
    assert response.status_code == 429
    assert not logged_in(client)


def test_a_lock_is_per_address_a_neighbour_still_logs_in(client, alice):
    neighbour = UserFactory(email="bob@example.test")
    for _attempt in range(5):
        log_in(client, "ALICE@example.test", "wrong")
    assert log_in(client, neighbour.email).status_code == 302


def spray(client, accounts, **extra):
    """One wrong password per account, as a sprayer does to stay under per-account locks."""
    return [log_in(client, account.email, "Sommer2026!", **extra) for account in accounts]


def test_spraying_one_password_across_many_accounts_locks_that_client(db):
    accounts = UserFactory.create_batch(25)
    sprayer = Client(REMOTE_ADDR="198.51.100.66")
    answers = [response.status_code for response in spray(sprayer, accounts)]
    # Twenty failed logins an hour from one address are allowed, then it is paused.
    assert answers[:20] == [200] * 20
    assert answers[20:] == [429] * 5
    # Even the right password of a real account no longer gets in from there ...
    response = log_in(sprayer, accounts[0].email)
    assert response.status_code == 429
    assert "konten/locked_out.html" in [template.name for template in response.templates]
    assert response.context["whole_client"]  # It says the connection, not the address.
    assert not logged_in(sprayer)
    # ... while everyone else logs in as usual.
    elsewhere = Client(REMOTE_ADDR="203.0.113.5")
    assert log_in(elsewhere, accounts[0].email).status_code == 302


def test_logging_in_to_an_own_account_in_between_does_not_reset_the_count(db):
    own = UserFactory(email="mallory@example.test")
    victims = UserFactory.create_batch(20)
    sprayer = Client(REMOTE_ADDR="198.51.100.66")
    for batch in (victims[:10], victims[10:]):
        assert log_in(sprayer, own.email).status_code == 302
        sprayer.post("/konto/abmelden/")
        spray(sprayer, batch)
    assert log_in(sprayer, victims[0].email, "Herbst2026!").status_code == 429
    assert log_in(sprayer, own.email).status_code == 429


def test_successful_logins_alone_never_lock_a_shared_address(db):
    # An office behind one address: many correct logins in an hour are fine.
    colleagues = UserFactory.create_batch(30)
    office = Client(REMOTE_ADDR="192.0.2.10")
    for colleague in colleagues:
        assert log_in(office, colleague.email).status_code == 302
        office.post("/konto/abmelden/")


@override_settings(PROXY_COUNT=1)
def test_behind_the_proxy_made_up_forwarded_addresses_do_not_give_a_fresh_budget(db):
    accounts = UserFactory.create_batch(21)
    sprayer = Client(REMOTE_ADDR="10.0.0.2")
    answers = [
        log_in(
            sprayer,
            account.email,
            "Sommer2026!",
            # The proxy appends the address it saw; everything left of it the client wrote.
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}, 198.51.100.66",
        ).status_code
        for number, account in enumerate(accounts)
    ]
    assert answers[-1] == 429


def test_the_admin_login_counts_against_the_same_limit(db):
    accounts = UserFactory.create_batch(20)
    sprayer = Client(REMOTE_ADDR="198.51.100.66")
    for account in accounts:
        sprayer.post("/admin/login/", {"username": account.email, "password": "Sommer2026!"})
    assert log_in(sprayer, accounts[0].email).status_code == 429
