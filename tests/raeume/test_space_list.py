"""The Raumbörse list at /raeume/: filters with counts, chips, sorting, paging, bad values."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from raeume.models import Listing
from tests.factories import place
from tests.list_notices import notices
from tests.space_listings import SpaceListingFactory, add_photo, feature, space_request

LIST = "/raeume/"


def titles(response):
    return [listing.title for listing in response.context["spaces"]]


def option_counts(options):
    return {option.value: option.count for option in options}


@pytest.fixture
def market(reference_data):
    """Three offers and a request in Chemnitz, Leipzig and Dresden."""
    studio = SpaceListingFactory(
        title="Atelier am Kaßberg",
        size_m2=45,
        price=Decimal("300"),
        features=[feature("barrierefrei")],
    )
    office = SpaceListingFactory(
        title="Büro in Plagwitz",
        space_kind=Listing.SpaceKind.OFFICE,
        municipality=place("leipzig"),
        postal_code="04229",
        size_m2=120,
        price=Decimal("900"),
        features=[feature("barrierefrei"), feature("starkstrom")],
    )
    interim = SpaceListingFactory(
        title="Ladenlokal zur Zwischennutzung",
        space_kind=Listing.SpaceKind.INTERIM,
        municipality=place("dresden"),
        postal_code="01067",
        size_m2=80,
        price=None,
        price_unit=Listing.PriceUnit.FREE,
    )
    wanted = space_request(title="Suchen Proberaum", space_kind=Listing.SpaceKind.REHEARSAL)
    return {"studio": studio, "office": office, "interim": interim, "wanted": wanted}


def test_the_list_shows_public_available_listings_only(client, market):
    SpaceListingFactory(title="Noch in Prüfung", status=Listing.Status.PENDING, expires_on=None)
    SpaceListingFactory(title="Abgelehnt", status=Listing.Status.REJECTED)
    SpaceListingFactory(
        title="Abgelaufen", expires_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    SpaceListingFactory(title="Schon vergeben", taken_at=timezone.now())
    response = client.get(LIST)
    assert response.status_code == 200
    assert sorted(titles(response)) == sorted(listing.title for listing in market.values())
    assert response.context["total"] == 4


def test_taken_listings_appear_marked_when_asked_for(client, market):
    SpaceListingFactory(title="Schon vergeben", taken_at=timezone.now())
    response = client.get(LIST, {"vergeben": "on"})
    assert "Schon vergeben" in titles(response)
    with translation.override("de"):
        assert gettext("Taken") in response.content.decode()


def test_offers_and_requests_filter_with_counts(client, market):
    response = client.get(LIST, {"art": "gesuch"})
    assert titles(response) == ["Suchen Proberaum"]
    # Each option counts what choosing it would give under the other filters.
    assert option_counts(response.context["type_options"]) == {"angebot": 3, "gesuch": 1}
    response = client.get(LIST, {"art": "angebot", "raum": "office"})
    assert titles(response) == ["Büro in Plagwitz"]
    assert option_counts(response.context["type_options"]) == {"angebot": 1, "gesuch": 0}
    kinds = option_counts(response.context["kind_options"])
    assert kinds["office"] == 1 and kinds["studio"] == 1 and kinds["rehearsal"] == 0


def test_district_and_place_filter(client, market):
    response = client.get(LIST, {"kreis": "leipzig"})
    assert titles(response) == ["Büro in Plagwitz"]
    districts = option_counts(response.context["district_options"])
    assert districts["leipzig"] == 1 and districts["chemnitz"] == 2
    response = client.get(LIST, {"ort": "dresden"})
    assert titles(response) == ["Ladenlokal zur Zwischennutzung"]
    places = option_counts(response.context["place_options"])
    assert places == {"chemnitz": 2, "leipzig": 1, "dresden": 1}


def test_size_and_price_filter_offers_and_requests(client, market):
    response = client.get(LIST, {"ab": "50"})
    # Offers of 50 m² or more, and the request that would take up to 80 m².
    assert sorted(titles(response)) == [
        "Büro in Plagwitz",
        "Ladenlokal zur Zwischennutzung",
        "Suchen Proberaum",
    ]
    response = client.get(LIST, {"ab": "50", "bis": "100", "art": "angebot"})
    assert titles(response) == ["Ladenlokal zur Zwischennutzung"]
    response = client.get(LIST, {"preis": "350", "art": "angebot"})
    # Free of charge counts as cheap enough.
    assert sorted(titles(response)) == ["Atelier am Kaßberg", "Ladenlokal zur Zwischennutzung"]


def test_features_filter_needs_every_chosen_feature(client, market):
    response = client.get(LIST + "?ausstattung=barrierefrei&ausstattung=starkstrom")
    assert titles(response) == ["Büro in Plagwitz"]
    features = option_counts(response.context["feature_options"])
    assert features["barrierefrei"] == 2 and features["starkstrom"] == 1
    # One chip per feature, each removing only itself.
    chips = {chip.label: chip.remove_url for chip in response.context["chips"]}
    with translation.override("de"):
        label = gettext("Features")
    assert chips[f"{label}: Barrierefrei"] == "?ausstattung=starkstrom"
    assert chips[f"{label}: Starkstrom"] == "?ausstattung=barrierefrei"


def test_chips_name_the_active_filters_and_remove_one_each(client, market):
    response = client.get(LIST, {"art": "angebot", "kreis": "leipzig", "sortierung": "preis"})
    with translation.override("de"):
        expected = {
            f"{gettext('Offer or request')}: {gettext('Offers')}",
            f"{gettext('District')}: Leipzig",
        }
    chips = {chip.label: chip.remove_url for chip in response.context["chips"]}
    assert set(chips) == expected
    # The sort order stays in the links but is no chip.
    assert all("sortierung=preis" in url for url in chips.values())


def test_sorting_by_price_and_size(client, market):
    response = client.get(LIST, {"art": "angebot", "sortierung": "preis"})
    assert titles(response) == [
        "Ladenlokal zur Zwischennutzung",
        "Atelier am Kaßberg",
        "Büro in Plagwitz",
    ]
    response = client.get(LIST, {"art": "angebot", "sortierung": "groesse"})
    assert titles(response) == [
        "Büro in Plagwitz",
        "Ladenlokal zur Zwischennutzung",
        "Atelier am Kaßberg",
    ]


@pytest.mark.parametrize(
    "params",
    [
        {"art": "wohnung"},
        {"raum": "schloss"},
        {"kreis": "atlantis"},
        {"ort": "nirgendwo"},
        {"ab": "-5"},
        {"bis": "viel"},
        {"preis": "99999999999"},
        {"ausstattung": "whirlpool"},
        {"sortierung": "zufall"},
        {"seite": "abc"},
    ],
)
def test_bad_values_are_ignored_with_a_notice_never_an_error(client, market, params):
    response = client.get(LIST, params)
    assert response.status_code == 200
    assert len(titles(response)) == 4
    assert len(notices(response)) == 1
    assert next(iter(params.values()))[:20] in notices(response)[0]


def test_place_is_shown_without_street_unless_the_poster_chose_to(client, reference_data):
    SpaceListingFactory(title="Verborgen", street_address="Geheimweg 7")
    SpaceListingFactory(title="Offen", street_address="Sichtbarer Weg 3", show_street_address=True)
    html = client.get(LIST).content.decode()
    assert "Geheimweg" not in html
    assert "Sichtbarer Weg 3, 09111 Chemnitz" in html


def test_paging_keeps_the_filters(client, reference_data):
    SpaceListingFactory.create_batch(21, title="Werkstatt", space_kind=Listing.SpaceKind.WORKSHOP)
    response = client.get(LIST, {"raum": "workshop"})
    assert len(titles(response)) == 20
    html = response.content.decode()
    assert 'href="?raum=workshop&amp;seite=2"' in html
    assert len(titles(client.get(LIST, {"raum": "workshop", "seite": "2"}))) == 1


def test_the_number_of_queries_does_not_grow_with_the_listings(
    client, reference_data, django_assert_max_num_queries
):
    for number in range(3):
        add_photo(SpaceListingFactory(features=[feature("lager")]), position=number)
    params = {"art": "angebot", "kreis": "chemnitz", "ausstattung": "lager", "ab": "10"}
    with django_assert_max_num_queries(14) as few:
        client.get(LIST, params)
    for _ in range(10):
        add_photo(SpaceListingFactory(features=[feature("lager")]))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(LIST, params)
    assert len(titles(response)) == 13
    assert re.search(r'<img class="space-card__photo" src="[^"]+\.webp"', response.content.decode())
