"""The Raumbörse and the Kooperationsbörse offer an e-mail alert for what the visitor is
looking at: the link carries the filters the alert can watch, and the alert form opens with
them chosen."""

import html
import re

import pytest

from tests.kooperationen.call_data import make_call
from tests.space_listings import SpaceListingFactory


def alert_link(response):
    page = response.content.decode()
    match = re.search(r'href="(/benachrichtigungen/\?[^"]*)"', page)
    assert match, "no alert link on the page"
    return html.unescape(match.group(1))


@pytest.mark.django_db
def test_the_raumboerse_links_to_an_alert_for_its_filters(client, reference_data):
    SpaceListingFactory(title="Atelier am Kaßberg", size_m2=45)
    response = client.get("/raeume/?art=angebot&raum=studio&kreis=chemnitz&ab=30&preis=400")

    link = alert_link(response)
    assert link.startswith("/benachrichtigungen/?art=raeume&")
    for parameter in ("typ=offer", "raumart=studio", "kreis=chemnitz", "flaeche_min=30"):
        assert parameter in link
    assert re.search(r"preis_max=400(\.0+)?(&|$)", link)

    form = client.get(link).context["form"]
    assert form.initial["typ"] == "offer"
    assert form.initial["raumart"] == "studio"
    assert form.initial["kreis"] == ["chemnitz"]


@pytest.mark.django_db
def test_the_unfiltered_raumboerse_links_to_an_alert_for_all_spaces(client, reference_data):
    assert alert_link(client.get("/raeume/")) == "/benachrichtigungen/?art=raeume"


@pytest.mark.django_db
def test_the_kooperationsboerse_links_to_an_alert_for_the_chosen_teilmarkt(client, owned_profile):
    make_call(owned_profile, submarkets=("musikwirtschaft",))
    response = client.get("/kooperationen/?teilmarkt=musikwirtschaft&art=suchen")

    link = alert_link(response)
    assert link == "/benachrichtigungen/?art=kooperationen&teilmarkt=musikwirtschaft"
    form = client.get(link).context["form"]
    assert list(form.initial["teilmarkt"]) == ["musikwirtschaft"]
