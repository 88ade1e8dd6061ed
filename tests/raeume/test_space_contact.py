"""Writing to a listing's poster through the relay: no address in HTML, limits, the mail."""

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from postausgang.headers import address_with_name
from postausgang.models import OutgoingMail
from raeume import relay
from tests.space_listings import SpaceListingFactory

MESSAGE = {
    "sender_name": "Karla Künstlerin",
    "sender_email": "karla@example.org",
    "message": "Guten Tag, ist das Atelier noch frei? Ich würde es gern ansehen.",
}


@pytest.fixture
def listing(owner):
    return SpaceListingFactory(poster=owner, title="Atelier am Schloßteich")


def contact_url(listing):
    return f"/raeume/{listing.pk}/kontakt/"


def test_the_poster_address_is_never_in_the_page(client, listing):
    for path in (listing.get_absolute_url(), contact_url(listing)):
        html = client.get(path).content.decode()
        assert 'name="sender_email"' in html
        assert listing.poster.email not in html


def test_a_message_goes_to_the_poster_with_reply_to_the_visitor(client, listing):
    response = client.post(contact_url(listing), MESSAGE)
    assert response.status_code == 302
    assert response["Location"] == listing.get_absolute_url()
    mail = OutgoingMail.objects.get()
    assert mail.to == ["owner@example.org"]
    assert mail.reply_to == [address_with_name("Karla Künstlerin", "karla@example.org")]
    assert MESSAGE["message"] in mail.body
    with translation.override("de"):
        subject = gettext("Message about your space listing from %(name)s") % {
            "name": "Karla Künstlerin"
        }
    assert mail.subject == subject
    assert listing.get_absolute_url() in mail.body


def test_messages_are_limited_per_address(client, listing):
    for _ in range(relay.IP_LIMIT.attempts):
        assert client.post(contact_url(listing), MESSAGE).status_code == 302
    response = client.post(contact_url(listing), MESSAGE)
    assert response.status_code == 429
    assert OutgoingMail.objects.count() == relay.IP_LIMIT.attempts


def test_messages_are_limited_per_listing(client, listing):
    for number in range(relay.LISTING_LIMIT.attempts):
        client.post(contact_url(listing), MESSAGE, REMOTE_ADDR=f"192.0.2.{number + 1}")
    response = client.post(contact_url(listing), MESSAGE, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 429
    assert OutgoingMail.objects.count() == relay.LISTING_LIMIT.attempts


def test_a_filled_honeypot_sends_nothing_but_looks_like_success(client, listing):
    response = client.post(contact_url(listing), {**MESSAGE, "homepage": "http://spam.example"})
    assert response.status_code == 302
    assert not OutgoingMail.objects.exists()


def test_bad_input_gets_messages_not_a_mail(client, listing):
    response = client.post(contact_url(listing), {**MESSAGE, "sender_email": "kein-at"})
    assert response.status_code == 200
    assert response.context["form"].errors["sender_email"]
    assert not OutgoingMail.objects.exists()


@pytest.mark.parametrize("state", ["taken", "pending"])
def test_taken_and_unpublished_listings_cannot_be_contacted(client, owner, state):
    if state == "taken":
        listing = SpaceListingFactory(poster=owner, taken_at=timezone.now())
    else:
        listing = SpaceListingFactory(poster=owner, status="pending", expires_on=None)
    assert client.post(contact_url(listing), MESSAGE).status_code == 404
    assert not OutgoingMail.objects.exists()
