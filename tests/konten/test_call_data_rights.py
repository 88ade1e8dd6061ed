"""The data export and the account deletion include the user's calls in the
Kooperationsbörse."""

import io
import json
import zipfile

from django.utils import translation

from kooperationen.models import Call
from tests.factories import ProfileFactory, UserFactory
from tests.kooperationen.call_data import make_call

EXPORT = "/konto/daten/"
DELETE = "/konto/loeschen/"


def exported(client):
    response = client.post(EXPORT)
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    return json.loads(archive.read("daten.json"))


def test_the_export_contains_the_calls_of_the_users_profiles(client_for, owner, owned_profile):
    make_call(owned_profile, title="Suchen Tonmeister", municipality="chemnitz")
    other = make_call(ProfileFactory(name="Fremdes Studio"), title="Nicht meiner")
    (call,) = exported(client_for(owner))["cooperation_calls"]
    assert call["title"] == "Suchen Tonmeister"
    assert call["written_by_you"] is True
    assert call["place"] == "Chemnitz"
    assert call["submarkets"] == ["Designwirtschaft"]
    assert {"deadline", "expires_on", "status", "description"} <= set(call)
    assert other.title not in json.dumps(exported(client_for(owner)))


def test_deleting_the_account_deletes_its_calls_and_keeps_the_co_editors(
    client_for, owner, owned_profile, reference_data
):
    shared = ProfileFactory(name="Gemeinsames Studio")
    colleague = UserFactory(email="kollegin@example.org")
    shared.owners.add(owner, colleague)
    make_call(owned_profile, title="Vom eigenen Profil")
    make_call(shared, title="Von Olga geschrieben", author=owner)
    kept = make_call(shared, title="Von der Kollegin", author=colleague)
    client = client_for(owner)
    page = client.get(DELETE).content.decode()
    with translation.override("de"):
        counted = translation.ngettext(
            "%(count)s call in the cooperation exchange",
            "%(count)s calls in the cooperation exchange",
            2,
        ) % {"count": 2}
    assert counted in page
    response = client.post(DELETE, {"confirmation": "owner@example.org"})
    assert response.status_code == 302
    assert list(Call.objects.all()) == [kept]
