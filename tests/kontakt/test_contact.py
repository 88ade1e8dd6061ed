"""The contact relay and the visibility of contact data on profile pages."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import translation

from kontakt.relay import MESSAGES_PER_IP, MESSAGES_PER_PROFILE
from mitglieder.models import Profile, Visibility
from tests.factories import ProfileFactory, UserFactory

MESSAGE = "Guten Tag, wir suchen ein Plakat für unser Sommerfest im Juli."


def valid_data(**overrides):
    data = {"sender_name": "Bea Beispiel", "sender_email": "bea@example.net", "message": MESSAGE}
    data.update(overrides)
    return data


def contact_url(profile):
    return f"/mitglieder/{profile.slug}/kontakt/"


def german(msgid):
    """The German text once the catalogue has the entry; until then the English msgid."""
    with translation.override("de"):
        return translation.gettext(msgid)


# Sending


def test_a_message_reaches_the_member_with_the_sender_as_reply_to(client, owned_profile):
    response = client.post(contact_url(owned_profile), valid_data())
    assert response.status_code == 302
    assert response["Location"] == f"/mitglieder/{owned_profile.slug}/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["owner@example.org"]
    assert message.reply_to == ["Bea Beispiel <bea@example.net>"]
    assert "owner@example.org" not in message.from_email
    assert MESSAGE in message.body
    assert "Bea Beispiel" in message.subject


def test_the_mail_is_german_plain_text(client, owned_profile):
    client.post("/en" + contact_url(owned_profile), valid_data())
    message = mail.outbox[0]
    assert message.content_subtype == "plain"
    assert not getattr(message, "alternatives", [])
    # German even though the sender used the English site.
    assert german("Your profile:") in message.body
    assert f"/mitglieder/{owned_profile.slug}/" in message.body


def test_without_a_contact_address_the_message_goes_to_the_editors(client, reference_data):
    profile = ProfileFactory(contact_email="")
    first = UserFactory(email="erste@example.org")
    second = UserFactory(email="zweite@example.org")
    gone = UserFactory(email="weg@example.org", is_active=False)
    profile.owners.add(first, second, gone)
    response = client.post(contact_url(profile), valid_data())
    assert response.status_code == 302
    assert sorted(mail.outbox[0].to) == ["erste@example.org", "zweite@example.org"]


def test_the_sender_sees_a_success_message_after_the_redirect(client, owned_profile):
    response = client.post(contact_url(owned_profile), valid_data(), follow=True)
    sent = [str(m) for m in response.context["messages"]]
    assert len(sent) == 1
    assert "Atelier Olga" in sent[0]


def test_the_contact_page_answers_a_get_with_the_form(client, owned_profile):
    response = client.get(contact_url(owned_profile))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="sender_name"' in html
    assert 'name="message"' in html
    assert "<h1>" in html
    assert not mail.outbox


# Privacy of the member's address


@pytest.mark.parametrize("logged_in", [False, True], ids=["anonymous", "member"])
def test_the_member_address_appears_in_no_page(client, owned_profile, other_member, logged_in):
    if logged_in:
        client.force_login(other_member)
    pages = [
        client.get(f"/mitglieder/{owned_profile.slug}/"),
        client.get(contact_url(owned_profile)),
        client.post(contact_url(owned_profile), valid_data(message="zu kurz")),
        client.post(contact_url(owned_profile), valid_data(sender_email="kaputt")),
        client.post(contact_url(owned_profile), valid_data(), follow=True),
    ]
    for response in pages:
        assert response.status_code == 200
        assert "owner@example.org" not in response.content.decode()


def test_the_member_address_is_hidden_from_the_rate_limit_page_too(client, owned_profile):
    for _message in range(MESSAGES_PER_IP):
        client.post(contact_url(owned_profile), valid_data())
    response = client.post(contact_url(owned_profile), valid_data())
    assert response.status_code == 429
    assert "owner@example.org" not in response.content.decode()


def test_the_profile_page_shows_the_contact_form(client, owned_profile):
    html = client.get(f"/mitglieder/{owned_profile.slug}/").content.decode()
    assert f'action="/mitglieder/{owned_profile.slug}/kontakt/"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'name="homepage"' in html


def test_a_profile_nobody_receives_messages_for_has_no_contact_form(client, reference_data):
    profile = ProfileFactory(contact_email="")
    html = client.get(f"/mitglieder/{profile.slug}/").content.decode()
    assert "/kontakt/" not in html
    assert client.get(contact_url(profile)).status_code == 404
    assert client.post(contact_url(profile), valid_data()).status_code == 404
    assert not mail.outbox


@pytest.mark.parametrize(
    "status", [Profile.Status.DRAFT, Profile.Status.IN_REVIEW, Profile.Status.HIDDEN]
)
def test_unpublished_profiles_cannot_be_contacted(client, owned_profile, status):
    Profile.objects.filter(pk=owned_profile.pk).update(status=status)
    assert client.get(contact_url(owned_profile)).status_code == 404
    assert client.post(contact_url(owned_profile), valid_data()).status_code == 404
    assert not mail.outbox


def test_profiles_left_out_of_the_directory_can_still_be_contacted(client, owned_profile):
    Profile.objects.filter(pk=owned_profile.pk).update(listed_in_directory=False)
    assert client.post(contact_url(owned_profile), valid_data()).status_code == 302
    assert len(mail.outbox) == 1


# Spam protection


def test_a_filled_honeypot_pretends_success_but_sends_nothing(client, owned_profile):
    response = client.post(contact_url(owned_profile), valid_data(homepage="http://spam.example"))
    assert response.status_code == 302
    assert response["Location"] == f"/mitglieder/{owned_profile.slug}/"
    assert not mail.outbox


def test_the_honeypot_is_hidden_by_a_class_and_skipped_by_screen_readers(client, owned_profile):
    html = client.get(contact_url(owned_profile)).content.decode()
    start = html.index('aria-hidden="true"', html.index("<form"))
    wrapper = html[html.rindex("<div", 0, start) : html.index("</div>", start)]
    assert 'class="hp-field"' in wrapper
    assert 'name="homepage"' in wrapper
    assert 'tabindex="-1"' in wrapper
    assert 'autocomplete="off"' in wrapper
    assert "<label" in wrapper
    assert "style=" not in html


def test_bots_get_the_fake_success_even_when_the_limit_is_reached(client, owned_profile):
    for _message in range(MESSAGES_PER_IP):
        client.post(contact_url(owned_profile), valid_data())
    response = client.post(contact_url(owned_profile), valid_data(homepage="spam"))
    assert response.status_code == 302
    assert len(mail.outbox) == MESSAGES_PER_IP


def test_one_address_may_send_five_messages_an_hour(client, owned_profile):
    for _message in range(MESSAGES_PER_IP):
        assert client.post(contact_url(owned_profile), valid_data()).status_code == 302
    response = client.post(contact_url(owned_profile), valid_data())
    assert response.status_code == 429
    assert len(mail.outbox) == MESSAGES_PER_IP
    html = response.content.decode()
    assert (
        german(
            "Too many messages have been sent recently. Nothing was sent: please try "
            "again in an hour, or contact the regional association."
        )[:40]
        in html
    )
    # The visitor's text is kept for a later attempt.
    assert MESSAGE in html


def test_the_limit_per_address_spans_all_profiles(client, owned_profile, reference_data):
    other = ProfileFactory(
        contact_email="studio@example.org", confirmed_contact_email="studio@example.org"
    )
    for _message in range(MESSAGES_PER_IP):
        client.post(contact_url(owned_profile), valid_data())
    assert client.post(contact_url(other), valid_data()).status_code == 429
    assert len(mail.outbox) == MESSAGES_PER_IP


def test_a_profile_receives_at_most_twenty_messages_a_day(client, owned_profile):
    for number in range(MESSAGES_PER_PROFILE):
        response = client.post(
            contact_url(owned_profile), valid_data(), REMOTE_ADDR=f"192.0.2.{number + 1}"
        )
        assert response.status_code == 302
    response = client.post(contact_url(owned_profile), valid_data(), REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 429
    assert len(mail.outbox) == MESSAGES_PER_PROFILE


def test_invalid_messages_do_not_count_towards_the_limit(client, owned_profile):
    for _attempt in range(MESSAGES_PER_IP + 2):
        client.post(contact_url(owned_profile), valid_data(message="kurz"))
    assert client.post(contact_url(owned_profile), valid_data()).status_code == 302


# Validation


def test_too_short_messages_are_refused_in_german(client, owned_profile):
    response = client.post(contact_url(owned_profile), valid_data(message="Hallo"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "mindestens 20 Zeichen" in html
    assert 'id="form-errors"' in html
    assert not mail.outbox


def test_too_long_messages_are_refused(client, owned_profile):
    response = client.post(contact_url(owned_profile), valid_data(message="x" * 5001))
    assert response.status_code == 200
    assert "höchstens 5000 Zeichen" in response.content.decode()
    assert not mail.outbox


def test_a_message_of_exactly_the_limits_is_sent(client, owned_profile):
    assert client.post(contact_url(owned_profile), valid_data(message="x" * 20)).status_code == 302
    assert (
        client.post(contact_url(owned_profile), valid_data(message="x" * 5000)).status_code == 302
    )
    assert len(mail.outbox) == 2


def test_an_invalid_sender_address_is_refused_in_german(client, owned_profile):
    response = client.post(contact_url(owned_profile), valid_data(sender_email="bea@"))
    assert response.status_code == 200
    assert "gültige E-Mail-Adresse" in response.content.decode()
    assert not mail.outbox


def test_all_fields_are_required(client, owned_profile):
    response = client.post(contact_url(owned_profile), {})
    assert response.status_code == 200
    assert response.content.decode().count("Dieses Feld ist zwingend erforderlich.") == 3
    assert not mail.outbox


def test_line_breaks_in_the_name_cannot_inject_mail_headers(client, owned_profile):
    response = client.post(
        contact_url(owned_profile), valid_data(sender_name="Bea\nBcc: opfer@example.net")
    )
    assert response.status_code == 200
    assert not mail.outbox


def test_the_contact_form_requires_a_csrf_token(owned_profile):
    response = Client(enforce_csrf_checks=True).post(contact_url(owned_profile), valid_data())
    assert response.status_code == 403
    assert not mail.outbox


def test_the_contact_page_allows_only_get_and_post(client, owned_profile):
    assert client.put(contact_url(owned_profile)).status_code == 405


# Visibility of phone and address


PHONE = "+49 371 123456"
STREET = "Straße der Nationen 12"


@pytest.fixture
def contact_profile(reference_data):
    def make(phone_visibility=Visibility.HIDDEN, address_visibility=Visibility.HIDDEN):
        return ProfileFactory(
            name="Studio Sichtbar",
            contact_email="sichtbar@example.org",
            phone=PHONE,
            phone_visibility=phone_visibility,
            street_address=STREET,
            postal_code="09111",
            address_visibility=address_visibility,
        )

    return make


@pytest.mark.parametrize(
    ("visibility", "anonymous_sees", "member_sees"),
    [
        (Visibility.PUBLIC, True, True),
        (Visibility.MEMBERS, False, True),
        (Visibility.HIDDEN, False, False),
    ],
)
def test_the_phone_number_is_shown_as_its_visibility_says(
    client, contact_profile, other_member, visibility, anonymous_sees, member_sees
):
    profile = contact_profile(phone_visibility=visibility)
    url = f"/mitglieder/{profile.slug}/"
    assert (PHONE in client.get(url).content.decode()) is anonymous_sees
    client.force_login(other_member)
    assert (PHONE in client.get(url).content.decode()) is member_sees


@pytest.mark.parametrize(
    ("visibility", "anonymous_sees", "member_sees"),
    [
        (Visibility.PUBLIC, True, True),
        (Visibility.MEMBERS, False, True),
        (Visibility.HIDDEN, False, False),
    ],
)
def test_the_address_is_shown_as_its_visibility_says(
    client, contact_profile, other_member, visibility, anonymous_sees, member_sees
):
    profile = contact_profile(address_visibility=visibility)
    url = f"/mitglieder/{profile.slug}/"
    html = client.get(url).content.decode()
    assert (STREET in html) is anonymous_sees
    # The postal code with its place, as the address shows it: a bare "09111" can turn up by
    # chance in a token or an image's file name.
    assert (f"09111 {profile.municipality.name}" in html) is anonymous_sees
    client.force_login(other_member)
    assert (STREET in client.get(url).content.decode()) is member_sees


def test_hidden_contact_data_stays_hidden_from_the_profiles_own_editor(
    client, contact_profile, owner
):
    profile = contact_profile()
    profile.owners.add(owner)
    client.force_login(owner)
    html = client.get(f"/mitglieder/{profile.slug}/").content.decode()
    assert PHONE not in html
    assert STREET not in html


def test_the_phone_number_can_be_called(client, contact_profile):
    profile = contact_profile(phone_visibility=Visibility.PUBLIC)
    html = client.get(f"/mitglieder/{profile.slug}/").content.decode()
    assert 'href="tel:+49371123456"' in html


def test_visitors_learn_that_members_see_more(client, contact_profile):
    profile = contact_profile(phone_visibility=Visibility.MEMBERS)
    html = client.get(f"/mitglieder/{profile.slug}/").content.decode()
    assert f"/konto/anmelden/?next=/mitglieder/{profile.slug}/" in html
    hidden = contact_profile(phone_visibility=Visibility.HIDDEN)
    html = client.get(f"/mitglieder/{hidden.slug}/").content.decode()
    assert "/konto/anmelden/?next=" not in html


def test_the_contact_address_is_never_shown_whatever_the_visibility(client, contact_profile):
    profile = contact_profile(Visibility.PUBLIC, Visibility.PUBLIC)
    html = client.get(f"/mitglieder/{profile.slug}/").content.decode()
    assert "sichtbar@example.org" not in html
    # The only mailto: links: sharing the page (no recipient) and the association's office.
    recipients = re.findall(r'href="mailto:([^"?]*)', html)
    assert set(recipients) <= {"", profile.association.email}


def test_a_view_can_annotate_the_editor_check_to_save_a_query(
    reference_data, owner, django_assert_num_queries
):
    from django.db.models import Exists, OuterRef

    from kontakt.relay import can_be_contacted

    profile = ProfileFactory(contact_email="")
    profile.owners.add(owner)
    editors = Profile.owners.through.objects.filter(profile=OuterRef("pk"), user__is_active=True)
    annotated = Profile.objects.annotate(has_active_editors=Exists(editors)).get(pk=profile.pk)
    with django_assert_num_queries(0):
        assert can_be_contacted(annotated)
    with django_assert_num_queries(1):
        assert can_be_contacted(profile)
