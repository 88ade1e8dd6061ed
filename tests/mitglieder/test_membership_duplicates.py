import pytest
from django.utils.translation import gettext as _

from mitglieder.models import MembershipRequest, Profile
from teilmaerkte.models import Discipline
from tests.factories import make_profile
from verbaende.models import Municipality

STAFF_WILL_CHECK = (
    "Your details resemble an entry that we do not show publicly. The association's staff "
    "will check this when they read your request."
)


@pytest.fixture
def application(reference_data):
    return {
        "name": "Lichtwerk Fotografie",
        "kind": "company",
        "contact_name": "Lea Licht",
        "email": "lea@example.org",
        "municipality": Municipality.objects.get(slug="leipzig").pk,
        "disciplines": [Discipline.objects.get(slug="fotografie").pk],
        "message": "",
    }


@pytest.fixture
def lichtwerk(reference_data):
    return make_profile(
        "leipzig", name="Lichtwerk Fotografie GmbH", contact_email="geheim@lichtwerk-foto.de"
    )


def test_an_applicant_resembling_a_public_profile_is_told_and_shown_its_page(
    client, application, lichtwerk
):
    response = client.post("/mitglied-werden/", application)
    assert response.status_code == 200
    html = response.content.decode()
    assert str(_("There is already a profile with a similar name:")) in html
    assert f'href="/mitglieder/{lichtwerk.slug}/"' in html
    assert 'name="trotzdem_senden"' in html
    # Nothing is sent before the applicant decides.
    assert not MembershipRequest.objects.exists()
    # The profile's private data stays private.
    assert "geheim@lichtwerk-foto.de" not in html


def test_the_applicant_can_send_anyway(client, application, lichtwerk):
    application["trotzdem_senden"] = "1"
    response = client.post("/mitglied-werden/", application)
    assert response.status_code == 302
    assert MembershipRequest.objects.get().name == "Lichtwerk Fotografie"


def test_a_match_on_the_email_of_a_public_profile_does_not_name_it(client, application, lichtwerk):
    application["name"] = "Ganz anderer Name"
    application["email"] = "geheim@lichtwerk-foto.de"
    html = client.post("/mitglied-werden/", application).content.decode()
    assert str(_(STAFF_WILL_CHECK)) in html
    assert lichtwerk.name not in html
    assert lichtwerk.slug not in html
    assert str(_("There is already a profile with a similar name:")) not in html


@pytest.mark.parametrize(
    "private",
    [
        {"status": Profile.Status.DRAFT},
        {"status": Profile.Status.HIDDEN},
        {"listed_in_directory": False},
    ],
)
def test_drafts_hidden_and_unlisted_profiles_are_never_named(client, application, private):
    secret = make_profile("leipzig", name="Lichtwerk Fotografie", **private)
    html = client.post("/mitglied-werden/", application).content.decode()
    assert str(_(STAFF_WILL_CHECK)) in html
    assert secret.slug not in html
    assert str(_("There is already a profile with a similar name:")) not in html


def test_another_open_request_is_not_named(client, application, reference_data):
    MembershipRequest.objects.create(
        name="Lichtwerk Fotografie",
        contact_name="Someone Else",
        email="else@example.org",
        municipality=Municipality.objects.get(slug="leipzig"),
    )
    html = client.post("/mitglied-werden/", application).content.decode()
    assert str(_(STAFF_WILL_CHECK)) in html
    assert "Someone Else" not in html
    assert "else@example.org" not in html


def test_an_applicant_resembling_nobody_is_not_stopped(client, application, reference_data):
    make_profile("leipzig", name="Ostwind Games")
    response = client.post("/mitglied-werden/", application)
    assert response.status_code == 302
    assert MembershipRequest.objects.count() == 1
