"""Call pages: what they show, replies through the relay, the profile block and the admin."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.utils import translation

from kooperationen.models import Call
from kooperationen.services import REPLY_IP_LIMIT
from tests.factories import ProfileFactory
from tests.kooperationen.call_data import days, make_call

MESSAGE = "Guten Tag, wir hätten Lust mitzumachen und bringen Erfahrung mit."


def german(msgid):
    with translation.override("de"):
        return translation.gettext(msgid)


def reply(**overrides):
    data = {"sender_name": "Bea Beispiel", "sender_email": "bea@example.net", "message": MESSAGE}
    data.update(overrides)
    return data


@pytest.fixture
def call(owned_profile):
    return make_call(owned_profile, title="Suchen Tonmeister", deadline=days(14))


def url(call):
    return f"/kooperationen/{call.pk}/"


def test_the_call_page_shows_the_call_its_member_deadline_and_place(client, call):
    response = client.get(url(call))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Suchen Tonmeister" in html
    assert f'href="{call.profile.get_absolute_url()}"' in html
    assert days(14).isoformat() in html
    assert german("All of Saxony") in html
    assert 'name="sender_email"' in html and 'name="homepage"' in html


@pytest.mark.parametrize(
    "status", [Call.Status.CLOSED, Call.Status.HIDDEN], ids=["closed", "hidden"]
)
def test_a_call_the_public_may_not_see_is_not_found(client, call, status):
    call.status = status
    call.save()
    assert client.get(url(call)).status_code == 404
    assert client.post(url(call), reply()).status_code == 404


def test_an_unknown_call_is_not_found(client, reference_data):
    assert client.get("/kooperationen/999999/").status_code == 404


def test_a_reply_reaches_the_member_with_the_sender_as_reply_to(client, call):
    response = client.post(url(call), reply())
    assert response.status_code == 302
    assert response["Location"] == url(call)
    message = mail.outbox[0]
    assert message.to == ["owner@example.org"]
    assert message.reply_to == ["Bea Beispiel <bea@example.net>"]
    assert MESSAGE in message.body
    assert "Suchen Tonmeister" in message.subject


def test_without_a_confirmed_address_the_reply_goes_to_the_editors(client, reference_data, owner):
    profile = ProfileFactory(contact_email="jemand@example.com")
    profile.owners.add(owner)
    client.post(url(make_call(profile)), reply())
    assert mail.outbox[0].to == ["owner@example.org"]


def test_a_member_nobody_receives_mail_for_gets_no_form(client, reference_data):
    profile = ProfileFactory(contact_email="")
    call = make_call(profile)
    html = client.get(url(call)).content.decode()
    assert 'name="sender_email"' not in html
    assert client.post(url(call), reply()).status_code == 404
    assert not mail.outbox


def test_a_bad_reply_is_explained_and_sends_nothing(client, call):
    response = client.post(url(call), reply(sender_email="kaputt", message="kurz"))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.has_error("sender_email") and form.has_error("message")
    assert not mail.outbox


def test_a_filled_honeypot_looks_sent_but_sends_nothing(client, call):
    response = client.post(url(call), reply(homepage="https://spam.example"))
    assert response.status_code == 302
    assert not mail.outbox


def test_replies_are_rate_limited(client, call):
    for _n in range(REPLY_IP_LIMIT.attempts):
        assert client.post(url(call), reply()).status_code == 302
    response = client.post(url(call), reply())
    assert response.status_code == 429
    assert len(mail.outbox) == REPLY_IP_LIMIT.attempts
    assert "owner@example.org" not in response.content.decode()


def test_the_member_address_appears_in_no_page(client, call, owned_profile):
    pages = [
        client.get(url(call)),
        client.get("/kooperationen/"),
        client.post(url(call), reply(message="kurz")),
        client.post(url(call), reply(), follow=True),
        client.get(owned_profile.get_absolute_url()),
    ]
    for response in pages:
        assert response.status_code == 200
        assert "owner@example.org" not in response.content.decode()


def test_the_reply_needs_the_csrf_token(call):
    from django.test import Client

    assert Client(enforce_csrf_checks=True).post(url(call), reply()).status_code == 403


# The profile block


def test_the_profile_page_lists_the_open_calls(client, owned_profile, call):
    make_call(owned_profile, title="Schon zu", status=Call.Status.CLOSED)
    make_call(owned_profile, title="Abgelaufen", expires_on=days(-1))
    html = client.get(owned_profile.get_absolute_url()).content.decode()
    assert "Suchen Tonmeister" in html
    assert f'href="{url(call)}"' in html
    assert "Schon zu" not in html and "Abgelaufen" not in html


def test_a_profile_without_calls_has_no_calls_section(client, owned_profile):
    html = client.get(owned_profile.get_absolute_url()).content.decode()
    assert 'id="calls-title"' not in html


# Staff


def _action(client, action, call):
    return client.post(
        "/admin/kooperationen/call/", {"action": action, "_selected_action": [call.pk]}
    )


def test_staff_of_the_association_hide_and_show_a_call(client_for, staff_chemnitz, call):
    client = client_for(staff_chemnitz)
    _action(client, "hide", call)
    call.refresh_from_db()
    assert call.status == Call.Status.HIDDEN
    _action(client, "unhide", call)
    call.refresh_from_db()
    assert call.status == Call.Status.PUBLISHED


def test_staff_of_another_association_cannot_hide_a_call(client_for, staff_leipzig, call):
    _action(client_for(staff_leipzig), "hide", call)
    call.refresh_from_db()
    assert call.status == Call.Status.PUBLISHED


def test_the_call_queryset_is_scoped_for_staff(staff_dresden, staff_chemnitz, call):
    assert list(Call.objects.visible_to(staff_chemnitz)) == [call]
    assert not Call.objects.visible_to(staff_dresden).exists()
    assert not Call.objects.visible_to(AnonymousUser()).exists()
