"""Finding 10: twenty reset requests for one address sent 21 mails in seconds."""

import pytest
from django.core import mail
from django.test import Client, RequestFactory, override_settings
from django.urls import resolve

from tests.factories import UserFactory

RESET = "/konto/passwort-vergessen/"


def ask_for_reset(client, email, **extra):
    return client.post(RESET, {"email": email}, **extra)


def answer(response):
    """What a visitor can see of the answer."""
    return response.status_code, response.get("Location"), response.content


@pytest.fixture
def lena(db):
    return UserFactory(email="lena@example.org")


def test_twenty_requests_for_one_address_send_three_mails(client, lena):
    spellings = ["lena@example.org", "LENA@example.org", " Lena@Example.ORG "]
    answers = {answer(ask_for_reset(client, spellings[n % 3])) for n in range(20)}
    assert len(mail.outbox) == 3
    assert {message.to[0] for message in mail.outbox} == {"lena@example.org"}
    # The 17 requests that sent nothing were answered exactly like the three that did.
    assert len(answers) == 1


def test_known_unknown_and_limited_addresses_get_the_same_answer(client, lena):
    known = answer(ask_for_reset(client, "lena@example.org"))
    unknown = answer(ask_for_reset(client, "niemand@example.org"))
    for _request in range(3):
        limited = answer(ask_for_reset(client, "lena@example.org"))
    assert known == unknown == limited
    assert known[0] == 302
    assert len(mail.outbox) == 3


def test_asking_for_unknown_addresses_does_not_tell_which_exist(client, lena):
    # The per-address count runs whether an account exists or not, so its limit says
    # nothing either.
    for _request in range(3):
        ask_for_reset(client, "niemand@example.org")
    assert answer(ask_for_reset(client, "niemand@example.org")) == answer(
        ask_for_reset(Client(REMOTE_ADDR="203.0.113.8"), "lena@example.org")
    )


def test_one_client_asking_for_many_addresses_is_limited_too(db):
    members = UserFactory.create_batch(12)
    client = Client(REMOTE_ADDR="198.51.100.66")
    answers = {answer(ask_for_reset(client, member.email)) for member in members}
    assert len(mail.outbox) == 10
    assert len(answers) == 1
    # Another client still gets a mail for a member the first one asked about last.
    ask_for_reset(Client(REMOTE_ADDR="203.0.113.5"), members[-1].email)
    assert len(mail.outbox) == 11
    assert mail.outbox[-1].to == [members[-1].email]


def test_the_mail_leaves_only_after_the_answer(lena):
    # Sending takes a noticeable while; were it sent before the answer, the answer's
    # timing would tell which addresses have an account.
    request = RequestFactory().post(RESET, {"email": "lena@example.org"})
    request._dont_enforce_csrf_checks = True
    response = resolve(RESET).func(request)
    assert response.status_code == 302
    assert not mail.outbox
    response.close()  # What the WSGI server does once the answer has been sent.
    assert len(mail.outbox) == 1


@override_settings(SITE_URL="https://kreativ.example")
def test_the_reset_link_points_at_the_site_not_at_the_request_host(client, lena):
    ask_for_reset(client, "lena@example.org")
    assert "https://kreativ.example/konto/passwort-neu/" in mail.outbox[0].body
