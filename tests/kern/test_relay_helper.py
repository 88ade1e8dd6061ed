"""kern.relay: the one flow of every relayed message (profiles, spaces, cooperation calls)."""

import pytest
from django.test import RequestFactory

from kern.contact_form import ContactForm
from kern.rate_limits import Limit
from kern.relay import relay_message

pytestmark = pytest.mark.django_db

IP_LIMIT = Limit("test-relay-ip", attempts=2, seconds=60)
OBJECT_LIMIT = Limit("test-relay-object", attempts=3, seconds=60)
VALID = {
    "sender_name": "Vera Besuch",
    "sender_email": "vera@example.org",
    "message": "Guten Tag, ich interessiere mich für Ihre Arbeit.",
}


def post(ip="192.0.2.1", **data):
    request = RequestFactory().post("/", REMOTE_ADDR=ip)
    form = ContactForm(VALID | data)
    assert form.is_valid(), form.errors
    return request, form


def relay(request, form, sent, key=1):
    return relay_message(
        request,
        form,
        ip_limit=IP_LIMIT,
        object_limit=OBJECT_LIMIT,
        object_key=key,
        send=lambda **message: sent.append(message),
    )


def test_a_message_is_sent_with_what_the_visitor_wrote():
    sent = []
    assert relay(*post(), sent) is True
    assert sent == [VALID]


def test_the_visitors_ip_limit_stops_sending_with_a_german_error():
    sent = []
    for _ in range(IP_LIMIT.attempts):
        assert relay(*post(), sent) is True
    request, form = post()

    assert relay(request, form, sent) is False
    assert len(sent) == IP_LIMIT.attempts
    assert "wurde nicht gesendet" in " ".join(form.non_field_errors())


def test_the_receivers_limit_counts_every_sender():
    sent = []
    for number in range(OBJECT_LIMIT.attempts):
        assert relay(*post(ip=f"192.0.2.{10 + number}"), sent) is True
    assert relay(*post(ip="192.0.2.99"), sent) is False
    assert relay(*post(ip="192.0.2.99"), sent, key=2) is True


def test_a_bot_is_thanked_but_nothing_is_sent_or_counted():
    sent = []
    for _ in range(IP_LIMIT.attempts + 1):
        assert relay(*post(homepage="https://spam.example"), sent) is True
    assert sent == []
    assert relay(*post(), sent) is True
