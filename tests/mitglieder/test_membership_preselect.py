"""An association's page leads to /mitglied-werden/?verband=<slug>: the form then offers that
association's places (grouped by district) and names it; the disciplines are grouped by
Teilmarkt in fieldsets; a bad or foreign value changes nothing and never fails."""

import re

import pytest

from mitglieder.models import MembershipRequest
from teilmaerkte.models import Submarket
from tests.mitglieder.test_membership_request import valid_data  # noqa: F401 - fixture
from verbaende.models import Municipality

pytestmark = pytest.mark.django_db

FORM = "/mitglied-werden/"


def place_options(html):
    select = re.search(r'<select name="municipality".*?</select>', html, re.S).group(0)
    return set(re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', select))


def test_the_association_page_offers_its_membership_form(client, reference_data):
    html = client.get("/verbaende/leipzig/").content.decode()

    assert 'href="/mitglied-werden/?verband=leipzig"' in html
    assert "Mitglied werden bei Kreatives Leipzig" in html


def test_coming_from_leipzig_offers_the_places_of_its_region(client, reference_data):
    html = client.get(FORM, {"verband": "leipzig"}).content.decode()

    places = place_options(html)
    assert {"Leipzig", "Delitzsch", "Grimma"} <= places
    assert "Zwickau" not in places and "Görlitz" not in places
    assert "Mitglied werden bei Kreatives Leipzig" in html
    assert 'href="/mitglied-werden/"' in html  # the way back to every place


@pytest.mark.parametrize("value", ["atlantis", "x" * 500, "%00", "", "landesverband"])
def test_any_other_value_shows_every_place(client, reference_data, value):
    response = client.get(FORM, {"verband": value})

    assert response.status_code == 200
    places = place_options(response.content.decode())
    assert {"Leipzig", "Zwickau", "Görlitz"} <= places


def test_places_are_grouped_by_district(client, reference_data):
    html = client.get(FORM).content.decode()

    assert re.search(r'<optgroup label="Zwickau">.*?>Zwickau</option>', html, re.S)


def test_disciplines_are_grouped_by_submarket_in_fieldsets(client, reference_data):
    html = client.get(FORM).content.decode()

    legends = re.findall(r'<fieldset class="choice-group"><legend>([^<]+)</legend>', html)
    assert len(legends) == Submarket.objects.count()
    assert "Designwirtschaft" in legends


def test_a_request_from_the_leipzig_page_for_a_place_elsewhere_still_goes_through(
    client,
    valid_data,  # noqa: F811
):
    assert Municipality.objects.get(pk=valid_data["municipality"]).slug == "zwickau"

    response = client.post(FORM + "?verband=leipzig", valid_data)

    assert response.status_code == 302
    # The place decides: Zwickau belongs to Chemnitz's region.
    assert MembershipRequest.objects.get().association.slug == "chemnitz"
