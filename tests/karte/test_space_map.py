"""Räume on the map: available offers (or requests) per district at /karte/raeume/, with the
Raumbörse's filters, each district a link to the filtered list; never an address."""

import datetime
import re

import pytest
from django.utils import timezone

from raeume.models import Listing
from tests.raeume.listing_scenes import listing, request_for

MAP = "/karte/raeume/"


def table_counts(html):
    rows = re.findall(
        r'<th scope="row"><a href="[^"]+"[^>]*>([^<]+)</a></th>\s*<td>[^<]*</td>\s*'
        r'<td class="num">([^<]+)</td>',
        html,
    )
    return {name: int(number.replace(".", "")) for name, number in rows}


@pytest.fixture
def spaces(reference_data):
    listing("dresden", street_address="Geheime Gasse 7", show_street_address=False)
    listing("dresden", space_kind=Listing.SpaceKind.OFFICE)
    listing("goerlitz")
    listing("leipzig", taken_at=timezone.now())
    listing("leipzig", expires_on=timezone.localdate() - datetime.timedelta(days=1))
    listing("leipzig", status=Listing.Status.PENDING)
    request_for("chemnitz")


def test_the_map_counts_available_offers_per_district(
    client, spaces, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        html = client.get(MAP).content.decode()

    counts = table_counts(html)
    assert counts["Dresden"] == 2
    assert counts["Görlitz"] == 1
    assert counts["Leipzig"] == 0
    assert counts["Chemnitz"] == 0
    assert "Geheime Gasse" not in html


def test_the_map_answers_the_lists_filters_and_shows_requests_on_demand(client, spaces):
    studios = table_counts(client.get(MAP + "?raum=studio").content.decode())
    wanted = table_counts(client.get(MAP + "?art=gesuch").content.decode())

    assert studios["Dresden"] == 1
    assert wanted["Chemnitz"] == 1
    assert wanted["Dresden"] == 0


def test_each_district_links_to_the_filtered_list(client, spaces):
    html = client.get(MAP + "?raum=studio&kreis=dresden").content.decode()

    assert 'href="/raeume/?art=angebot&amp;raum=studio&amp;kreis=goerlitz"' in html
    assert 'aria-current="true"' in html


def test_bad_parameters_get_a_notice_not_an_error(client, spaces):
    response = client.get(MAP + "?raum=schloss&ab=-5&preis=viel&kreis=atlantis&seite=x")

    assert response.status_code == 200
    assert 'class="notice' in response.content.decode()


@pytest.mark.parametrize("query", ["?kreis=%00", "?ort=%00", "?ort=" + "x" * 5000])
def test_a_nul_byte_or_a_long_place_is_no_server_error(client, spaces, query):
    # PostgreSQL refuses NUL bytes in a query: the place filter must not send them.
    assert client.get(MAP + query).status_code in {200, 400}


def test_the_raumboerse_list_links_to_the_map_with_its_filters(client, spaces):
    html = client.get("/raeume/?raum=studio").content.decode()

    assert 'href="/karte/raeume/?raum=studio"' in html


def test_a_newly_published_offer_shows_on_the_map_at_once(client, spaces, settings):
    settings.PAGE_CACHE_SECONDS = 300
    assert table_counts(client.get(MAP).content.decode())["Görlitz"] == 1

    listing("goerlitz")

    assert table_counts(client.get(MAP).content.decode())["Görlitz"] == 2
