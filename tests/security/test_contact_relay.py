"""Finding 7: the contact relay's rate limit raced (25 parallel posts sent 13 mails), relay
mail went to any address a member typed in, and /mitglied-werden/ had no limit at all."""

import re
import threading

import pytest
from django.contrib.messages.storage.cookie import CookieStorage
from django.core import mail
from django.test import RequestFactory

from kern.rate_limits import Limit
from kontakt import relay
from mitglieder import contact_address
from mitglieder.models import MembershipRequest, Profile
from teilmaerkte.models import Discipline
from tests.factories import ProfileFactory
from tests.profile_forms import admin_change_data, edit_data
from verbaende.models import Municipality

MESSAGE = "Guten Tag, wir suchen ein Plakat für unser Sommerfest im Juli."
PARALLEL = 25


def contact_data():
    return {"sender_name": "Bea Beispiel", "sender_email": "bea@example.net", "message": MESSAGE}


# The race


def test_parallel_posts_send_no_more_than_the_limit(monkeypatch):
    """25 requests at once from one address, each slowed down while "sending", as a slow
    mail server does: a check before the send and a count after it let them all through."""
    profile = Profile(pk=1, slug="atelier", name="Atelier", contact_email="a@example.org")
    monkeypatch.setattr(relay, "get_object_or_404", lambda *args, **kwargs: profile)
    monkeypatch.setattr(relay, "can_be_contacted", lambda profile: True)
    monkeypatch.setattr(relay, "render", lambda *args, status=200, **kwargs: status)
    sent = []
    sending = threading.Lock()
    start = threading.Barrier(PARALLEL)

    def slow_send(profile, **message):
        with sending:
            sent.append(message)
        threading.Event().wait(0.05)

    monkeypatch.setattr(relay, "send_contact_message", slow_send)

    def post():
        request = RequestFactory().post("/mitglieder/atelier/kontakt/", contact_data())
        request._messages = CookieStorage(request)
        start.wait()
        relay.contact(request, slug="atelier")

    threads = [threading.Thread(target=post) for _ in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(sent) == relay.MESSAGES_PER_IP


def test_the_sixth_message_from_one_address_is_refused_with_429(client, owned_profile):
    url = f"/mitglieder/{owned_profile.slug}/kontakt/"
    statuses = [client.post(url, contact_data()).status_code for _ in range(6)]
    assert statuses == [302] * 5 + [429]
    assert len(mail.outbox) == 5


# Only confirmed addresses receive relayed messages


def relay_to(client, profile):
    mail.outbox.clear()
    response = client.post(f"/mitglieder/{profile.slug}/kontakt/", contact_data())
    assert response.status_code == 302
    [message] = [m for m in mail.outbox if "bea@example.net" in " ".join(m.reply_to)]
    return message.to


def link_in(message):
    return re.search(r"https?://\S+", message.body).group(0)


def test_an_address_a_member_types_in_receives_nothing_until_confirmed(
    client, client_for, owner, owned_profile, django_capture_on_commit_callbacks
):
    member = client_for(owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = member.post(
            f"/mein-profil/{owned_profile.pk}/bearbeiten/",
            edit_data(owned_profile, contact_email="victim@example.net"),
        )
    assert response.status_code == 302
    [confirmation] = mail.outbox
    assert confirmation.to == ["victim@example.net"]
    # The edit page says the address waits for confirmation and offers the link again.
    page = member.get(f"/mein-profil/{owned_profile.pk}/bearbeiten/kontakt/").content.decode()
    assert 'id="resend-contact-link"' in page

    member.logout()
    assert relay_to(client, owned_profile) == ["owner@example.org"]

    path = link_in(confirmation).removeprefix("http://127.0.0.1:8000")
    # Opening the link (a mail scanner does) confirms nothing; the button does.
    assert client.get(path).status_code == 200
    assert relay_to(client, owned_profile) == ["owner@example.org"]
    assert client.post(path).status_code == 200
    assert relay_to(client, owned_profile) == ["victim@example.net"]


def test_an_editors_own_account_address_needs_no_confirmation(client, owned_profile):
    # owner@example.org is the account address of the profile's editor.
    assert contact_address.is_confirmed(owned_profile)
    assert relay_to(client, owned_profile) == ["owner@example.org"]


def test_an_unconfirmed_address_of_a_profile_without_editors_gets_no_contact_form(
    client, reference_data
):
    profile = ProfileFactory(contact_email="")
    Profile.objects.filter(pk=profile.pk).update(contact_email="victim@example.net")
    response = client.post(f"/mitglieder/{profile.slug}/kontakt/", contact_data())
    assert response.status_code == 404
    assert not mail.outbox


def test_a_link_for_an_address_changed_since_confirms_nothing(
    client, owned_profile, django_capture_on_commit_callbacks
):
    Profile.objects.filter(pk=owned_profile.pk).update(contact_email="first@example.net")
    owned_profile.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        contact_address.send_link(owned_profile)
    Profile.objects.filter(pk=owned_profile.pk).update(contact_email="second@example.net")
    path = link_in(mail.outbox[-1]).removeprefix("http://127.0.0.1:8000")

    assert client.post(path).status_code == 400
    assert Profile.objects.get(pk=owned_profile.pk).confirmed_contact_email == ""


def test_a_forged_link_confirms_nothing(client, owned_profile):
    response = client.post("/mein-profil/kontaktadresse-bestaetigen/eyJwcm9maWxlIjoxfQ:x:y/")
    assert response.status_code == 400


def test_staff_entered_addresses_are_confirmed_by_link_too(
    client_for, owned_profile, staff_chemnitz, django_capture_on_commit_callbacks
):
    staff = client_for(staff_chemnitz)
    url, data = admin_change_data(staff, owned_profile, contact_email="buero@example.net")
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(url, data)
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["buero@example.net"]]
    assert not contact_address.is_confirmed(Profile.objects.get(pk=owned_profile.pk))


def test_asking_for_the_link_again_is_limited(
    client_for, owner, owned_profile, django_capture_on_commit_callbacks
):
    Profile.objects.filter(pk=owned_profile.pk).update(contact_email="neu@example.net")
    member = client_for(owner)
    url = f"/mein-profil/{owned_profile.pk}/kontaktadresse/"
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):
            assert member.post(url).status_code == 302
    assert len(mail.outbox) == contact_address.RESEND_LIMIT.attempts


def test_others_cannot_ask_for_the_link(client_for, other_member, owned_profile):
    Profile.objects.filter(pk=owned_profile.pk).update(contact_email="neu@example.net")
    response = client_for(other_member).post(f"/mein-profil/{owned_profile.pk}/kontaktadresse/")
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("owner", 302),
        ("other_member", 404),
        ("staff_leipzig", 404),
        ("staff_of_the_profile", 404),
        ("staff_landesverband", 404),
    ],
)
def test_the_resend_ladder(
    request, client, client_for, owned_profile, who, status, django_capture_on_commit_callbacks
):
    """Only the profile's editors ask for the link in self-service; staff use the admin,
    anonymous visitors are sent to the login."""
    Profile.objects.filter(pk=owned_profile.pk).update(contact_email="neu@example.net")
    if who == "anonymous":
        visitor = client
    elif who == "staff_of_the_profile":
        slug = owned_profile.association.slug
        visitor = client_for(request.getfixturevalue(f"staff_{slug}"))
    else:
        visitor = client_for(request.getfixturevalue(who))
    url = f"/mein-profil/{owned_profile.pk}/kontaktadresse/"
    with django_capture_on_commit_callbacks(execute=True):
        response = visitor.post(url)
    assert response.status_code == status
    if who == "anonymous":
        assert "/konto/anmelden/" in response["Location"]
    sent = [m.to for m in mail.outbox]
    assert sent == ([["neu@example.net"]] if who == "owner" else [])


# /mitglied-werden/


@pytest.fixture
def request_data(reference_data):
    return {
        "name": "Grafikbüro Zwickau",
        "kind": "company",
        "contact_name": "Zora Zwick",
        "email": "zora@example.org",
        "municipality": Municipality.objects.get(slug="zwickau").pk,
        "disciplines": [Discipline.objects.get(slug="kommunikationsdesign").pk],
        # The same request again resembles the first: sent anyway past the duplicate notice.
        "trotzdem_senden": "1",
    }


def test_membership_requests_are_limited_per_address_and_keep_the_form(client, request_data):
    statuses = [client.post("/mitglied-werden/", request_data).status_code for _ in range(5)]
    assert statuses == [302] * 5

    response = client.post("/mitglied-werden/", request_data | {"name": "Sechstes Büro"})

    assert response.status_code == 429
    assert 'value="Sechstes Büro"' in response.content.decode()
    assert MembershipRequest.objects.count() == 5


def test_membership_requests_are_limited_per_association(client, request_data, monkeypatch):
    monkeypatch.setattr(
        "mitglieder.membership.REQUESTS_PER_ASSOCIATION",
        Limit("membership-association", attempts=2, seconds=60),
    )
    statuses = [
        client.post("/mitglied-werden/", request_data, REMOTE_ADDR=f"192.0.2.{n}").status_code
        for n in range(3)
    ]
    assert statuses == [302, 302, 429]
