"""The data export and the account deletion include the alerts of the account's address."""

import io
import json
import zipfile

from benachrichtigungen.models import Subscriber, Subscription
from tests.benachrichtigungen.alert_data import subscribe

EXPORT = "/konto/daten/"
DELETE = "/konto/loeschen/"


def test_the_export_contains_the_alerts_of_the_accounts_address(client_for, owner):
    subscribe("Owner@Example.org", criteria={"query": "kreis=leipzig"})
    subscribe("owner@example.org", Subscription.Kind.CALLS, {"teilmaerkte": []}, confirmed=False)
    subscribe("other@example.org")

    response = client_for(owner).post(EXPORT)

    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    alerts = json.loads(archive.read("daten.json"))["alert_subscriptions"]
    assert [(a["kind"], a["criteria"], a["confirmed_at"] is not None) for a in alerts] == [
        ("members", {"query": "kreis=leipzig"}, True),
        ("calls", {"teilmaerkte": []}, False),
    ]
    assert {a["email"] for a in alerts} == {"Owner@Example.org"}


def test_the_deletion_page_counts_the_alerts_and_deleting_removes_them(client_for, owner):
    subscribe("OWNER@example.org")
    subscribe("owner@example.org", Subscription.Kind.NEWS, {})
    subscribe("other@example.org")
    client = client_for(owner)

    page = client.get(DELETE)
    assert page.context["plan"].alert_count == 2

    client.post(DELETE, {"confirmation": "owner@example.org"})

    assert list(Subscriber.objects.values_list("email", flat=True)) == ["other@example.org"]
    assert Subscription.objects.count() == 1
