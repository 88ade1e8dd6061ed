"""Subscribing with double opt-in, the signed links, the manage page and unsubscribing."""

import time

import pytest
from django.core import signing
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext

from benachrichtigungen import links
from benachrichtigungen.models import Subscriber, Subscription
from tests.benachrichtigungen.alert_data import alert_mails, link_in, subscribe

INDEX = "/benachrichtigungen/"


def post_alert(client, kind="mitglieder", email="leser@example.org", **fields):
    data = {"art": kind, "email": email, "haeufigkeit": "weekly", **fields}
    return client.post(INDEX, data, REMOTE_ADDR=fields.pop("ip", "192.0.2.1"))


def german(msgid, **values):
    with translation.override("de"):
        text = gettext(msgid)
    return text % values if values else text


@pytest.fixture
def alerts(reference_data):
    return None


def test_the_alerts_page_offers_the_five_kinds(client, alerts):
    response = client.get(INDEX)
    assert response.status_code == 200
    for parameter in ("mitglieder", "aktuelles", "veranstaltungen", "raeume", "kooperationen"):
        assert f'href="?art={parameter}"' in response.text


def test_an_unknown_kind_is_named_and_the_kinds_are_offered(client, alerts):
    response = client.get(INDEX + "?art=quatsch")
    assert response.status_code == 200
    assert "quatsch" in response.text
    assert 'href="?art=mitglieder"' in response.text


def test_the_directory_link_preselects_photography_in_leipzig(client, alerts):
    response = client.get(INDEX + "?art=mitglieder&disziplin=fotografie&kreis=leipzig&art=person")
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial == {"disziplin": "fotografie", "kreis": "leipzig", "mitgliedsart": "person"}
    assert '<option value="fotografie" selected>' in response.text


def test_unknown_values_in_the_preselection_are_left_out(client, alerts):
    response = client.get(INDEX + "?art=raeume&kreis=atlantis&preis_max=-5&flaeche_min=abc")
    assert response.status_code == 200
    assert response.context["form"].initial == {}


def test_subscribing_stores_an_unconfirmed_alert_and_mails_the_link(client, alerts):
    response = post_alert(client, disziplin="fotografie", kreis="leipzig")
    assert response.status_code == 302
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is None
    assert subscription.criteria == {"query": "kreis=leipzig&disziplin=fotografie"}
    assert subscription.frequency == "weekly"
    [mail] = alert_mails()
    assert mail.to == ["leser@example.org"]
    assert "/benachrichtigungen/bestaetigen/" in mail.body


def test_the_confirmation_link_asks_first_and_confirms_on_post(client, alerts):
    post_alert(client)
    path = link_in(alert_mails()[0], "bestaetigen")

    asked = client.get(path)
    assert asked.status_code == 200
    assert Subscription.objects.get().confirmed_at is None

    confirmed = client.post(path)
    assert confirmed.status_code == 200
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is not None
    assert subscription.sent_until == subscription.confirmed_at
    assert subscription.subscriber.next_digest_at > timezone.now()
    # A second click changes nothing.
    assert client.post(path).status_code == 200
    assert Subscription.objects.get().confirmed_at == subscription.confirmed_at


def test_the_answer_is_the_same_for_new_and_known_addresses(client, alerts):
    subscribe("bekannt@example.org", criteria={"query": ""})
    first = post_alert(client, email="neu@example.org")
    known = post_alert(client, email="bekannt@example.org")
    assert first.status_code == known.status_code == 302
    assert first["Location"] == known["Location"]
    assert client.get(first["Location"]).text == client.get(known["Location"]).text
    # What differs goes only to the address: the known one gets its manage link.
    mails = {mail.to[0]: mail for mail in alert_mails()}
    assert "/benachrichtigungen/bestaetigen/" in mails["neu@example.org"].body
    assert "/benachrichtigungen/verwalten/" in mails["bekannt@example.org"].body
    assert Subscription.objects.filter(subscriber__email="bekannt@example.org").count() == 1


def test_the_same_address_in_other_spelling_is_one_subscriber(client, alerts):
    post_alert(client, email="Leser@Example.org")
    post_alert(client, email="leser@example.org", teilmarkt="designwirtschaft")
    assert Subscriber.objects.count() == 1
    assert Subscription.objects.count() == 2


def test_a_filled_honeypot_looks_like_success_and_stores_nothing(client, alerts):
    response = post_alert(client, homepage="http://spam.example")
    assert response.status_code == 302
    assert not Subscription.objects.exists()
    assert alert_mails() == []


def test_bad_input_is_answered_with_the_form_and_no_mail(client, alerts):
    response = post_alert(client, kind="raeume", email="kein-mail", preis_max="-3")
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"email", "preis_max"}
    assert alert_mails() == []


def test_an_unknown_kind_in_a_post_is_refused_with_the_kinds(client, alerts):
    response = post_alert(client, kind="spam")
    assert response.status_code == 400
    assert not Subscription.objects.exists()


def test_one_address_cannot_be_flooded_with_confirmation_mails(client, alerts):
    statuses = [
        post_alert(client, ip=f"192.0.2.{n}", teilmarkt=slug).status_code
        for n, slug in enumerate(
            [
                "designwirtschaft",
                "musikwirtschaft",
                "buchmarkt",
                "kunstmarkt",
                "filmwirtschaft",
                "rundfunkwirtschaft",
            ]
        )
    ]
    assert statuses == [302] * 5 + [429]
    assert len(alert_mails()) == 5


def test_one_network_cannot_subscribe_many_addresses(client, alerts):
    statuses = [post_alert(client, email=f"person{n}@example.org").status_code for n in range(11)]
    assert statuses == [302] * 10 + [429]


def test_the_page_language_is_the_language_of_the_mails(client, alerts):
    client.post(
        "/en/benachrichtigungen/",
        {"art": "aktuelles", "email": "reader@example.org", "haeufigkeit": "instant"},
    )
    subscription = Subscription.objects.get()
    assert subscription.language == "en"
    [mail] = alert_mails()
    assert "Please confirm" in mail.subject
    client.post(link_in(mail, "bestaetigen"))
    assert Subscriber.objects.get().language == "en"


@pytest.mark.parametrize(
    "make_token",
    [
        pytest.param(lambda: "nonsense", id="garbage"),
        pytest.param(lambda: signing.dumps({"s": 1, "k": "x"}, salt="other"), id="other-purpose"),
        pytest.param(lambda: signing.dumps([1, 2], salt=links.CONFIRM_SALT), id="not-a-dict"),
        pytest.param(
            lambda: signing.dumps({"s": "1", "k": 3}, salt=links.CONFIRM_SALT), id="wrong-types"
        ),
    ],
)
def test_forged_confirmation_links_get_a_clear_page(client, alerts, make_token):
    token = make_token()
    for method in (client.get, client.post):
        response = method(f"/benachrichtigungen/bestaetigen/{token}/")
        assert response.status_code == 400
        assert german("This link is not valid") in response.text


def test_an_old_confirmation_link_has_expired(client, alerts, monkeypatch):
    subscription = subscribe(confirmed=False)
    eight_days_ago = int(time.time()) - 8 * 24 * 60 * 60
    monkeypatch.setattr(
        signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(eight_days_ago)
    )
    path = _path(links.confirm_url(subscription))
    monkeypatch.undo()
    response = client.post(path)
    assert response.status_code == 410
    assert Subscription.objects.get().confirmed_at is None


def test_a_manage_link_of_another_purpose_is_refused(client, alerts):
    subscription = subscribe()
    confirm_path = links.confirm_url(subscription).split("/bestaetigen/")[1]
    response = client.get(f"/benachrichtigungen/verwalten/{confirm_path}")
    assert response.status_code == 400


def test_the_manage_page_lists_changes_and_ends_alerts(client, alerts):
    first = subscribe(criteria={"query": "teilmarkt=designwirtschaft"})
    second = subscribe(kind=Subscription.Kind.CALLS, criteria={"teilmaerkte": []})
    path = _path(links.manage_url(first.subscriber))

    page = client.get(path)
    assert page.status_code == 200
    assert page.text.count('class="alert-subscription"') == 2
    assert "leser@example.org" not in page.text

    client.post(path, {"action": "frequency", "subscription": second.pk, "haeufigkeit": "weekly"})
    second.refresh_from_db()
    assert second.frequency == "weekly"
    assert second.subscriber.next_digest_at is not None

    client.post(path, {"action": "end", "subscription": first.pk})
    assert list(Subscription.objects.all()) == [second]

    gone = client.post(path, {"action": "end", "subscription": first.pk})
    assert gone.status_code == 400

    client.post(path, {"action": "all"})
    assert not Subscriber.objects.exists()
    replayed = client.get(path)
    assert replayed.status_code == 404
    assert german("No alerts for this link") in replayed.text


def test_the_manage_page_cannot_reach_another_addresses_alert(client, alerts):
    mine = subscribe("ich@example.org")
    theirs = subscribe("du@example.org")
    path = _path(links.manage_url(mine.subscriber))
    response = client.post(path, {"action": "end", "subscription": theirs.pk})
    assert response.status_code == 400
    assert Subscription.objects.filter(pk=theirs.pk).exists()


def _path(url):
    return url[url.index("/benachrichtigungen/") :]


def test_one_click_unsubscribe_works_without_csrf_token_or_cookie(alerts):
    subscription = subscribe()
    path = _path(links.unsubscribe_url(subscription.subscriber, [subscription]))
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert not Subscription.objects.exists()
    # Replayed: nothing left to end, still no error.
    again = client.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert again.status_code == 200


def test_a_post_without_the_one_click_body_or_with_a_forged_token_ends_nothing(alerts):
    subscription = subscribe()
    path = _path(links.unsubscribe_url(subscription.subscriber, [subscription]))
    client = Client(enforce_csrf_checks=True)
    assert client.post(path, {}).status_code == 400
    forged = path.replace("/abmelden/", "/abmelden/x")
    assert (
        client.post(
            forged, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
        ).status_code
        == 400
    )
    assert Subscription.objects.exists()


def test_opening_the_unsubscribe_link_asks_and_the_form_needs_csrf(alerts):
    subscription = subscribe()
    path = _path(links.unsubscribe_url(subscription.subscriber, [subscription]))
    client = Client(enforce_csrf_checks=True)
    page = client.get(path)
    assert page.status_code == 200
    assert Subscription.objects.exists()
    confirm = path + "bestaetigen/"
    assert f'action="{confirm}"' in page.text
    assert client.post(confirm).status_code == 403
    token = page.text.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    done = client.post(confirm, {"csrfmiddlewaretoken": token})
    assert done.status_code == 200
    assert not Subscription.objects.exists()
    assert not Subscriber.objects.exists()
    assert german("Already unsubscribed") in client.get(path).text


def test_the_subscribe_form_needs_a_csrf_token(alerts):
    response = Client(enforce_csrf_checks=True).post(
        INDEX, {"art": "mitglieder", "email": "a@example.org", "haeufigkeit": "weekly"}
    )
    assert response.status_code == 403


def test_the_directory_links_to_an_alert_with_its_filters(client, directory_members):
    response = client.get("/mitglieder/?disziplin=fotografie&kreis=leipzig&sortierung=neu")
    assert (
        'href="/benachrichtigungen/?art=mitglieder&amp;kreis=leipzig&amp;disziplin=fotografie"'
        in response.text
    )
    entry_page = client.get("/teilmaerkte/designwirtschaft/")
    assert 'href="/benachrichtigungen/?art=mitglieder&amp;teilmarkt=designwirtschaft"' in (
        entry_page.text
    )
