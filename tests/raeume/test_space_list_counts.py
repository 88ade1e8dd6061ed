"""The Raumbörse's option counts are cached per filter state (raeume.listing): a visitor
never sees a count that a publish, an edit, a "taken", a deletion or the end of a listing's
last day has made wrong, and the combined filters count exactly what choosing would give."""

import datetime
import itertools
from decimal import Decimal
from unittest import mock

import pytest
from django.utils import timezone

from raeume.models import Listing
from raeume.services import delete_listing
from tests.factories import place
from tests.space_listings import SpaceListingFactory, feature, space_request

pytestmark = pytest.mark.django_db

LIST = "/raeume/"


def counts(client, params=None):
    context = client.get(LIST, params or {}).context
    return {
        "total": context["total"],
        "art": {o.value: o.count for o in context["type_options"]},
        "raum": {o.value: o.count for o in context["kind_options"] if o.count},
        "kreis": {o.value: o.count for o in context["district_options"] if o.count},
        "ort": {o.value: o.count for o in context["place_options"]},
        "ausstattung": {o.value: o.count for o in context["feature_options"] if o.count},
    }


def test_a_new_listing_counts_on_the_next_request(client, reference_data):
    SpaceListingFactory()
    before = counts(client)
    assert before["total"] == 1
    SpaceListingFactory(municipality=place("leipzig"), postal_code="04109")
    after = counts(client)
    assert after["total"] == 2
    assert after["kreis"] == {"chemnitz": 1, "leipzig": 1}


def test_taken_edited_and_deleted_listings_leave_the_counts(client, reference_data):
    studio = SpaceListingFactory(features=[feature("lager")])
    office = SpaceListingFactory(space_kind=Listing.SpaceKind.OFFICE)
    assert counts(client)["raum"] == {"studio": 1, "office": 1}

    studio.taken_at = timezone.now()
    studio.save()
    assert counts(client)["raum"] == {"office": 1}
    assert counts(client)["ausstattung"] == {}

    office.space_kind = Listing.SpaceKind.WORKSHOP
    office.save()
    assert counts(client)["raum"] == {"workshop": 1}

    delete_listing(office)
    assert counts(client)["total"] == 0


def test_a_listing_leaves_the_counts_after_its_last_day(client, reference_data):
    today = timezone.localdate()
    SpaceListingFactory(expires_on=today)
    assert counts(client)["total"] == 1
    tomorrow = today + datetime.timedelta(days=1)
    with mock.patch("django.utils.timezone.localdate", return_value=tomorrow):
        assert counts(client)["total"] == 0


def test_the_cached_counts_spare_the_counting_queries(
    client, reference_data, django_assert_max_num_queries
):
    SpaceListingFactory(features=[feature("lager")])
    params = {"raum": "studio", "ausstattung": "lager"}
    with django_assert_max_num_queries(20) as first:
        client.get(LIST, params)
    with django_assert_max_num_queries(len(first.captured_queries) - 4):
        response = client.get(LIST, params)
    assert response.context["total"] == 1


@pytest.fixture
def spread(reference_data):
    """Offers and requests of three kinds over four places in three districts."""
    places = [
        ("chemnitz", "09111"),
        ("leipzig", "04109"),
        ("dresden", "01067"),
        ("radebeul", "01445"),
    ]
    kinds = [Listing.SpaceKind.STUDIO, Listing.SpaceKind.OFFICE, Listing.SpaceKind.WORKSHOP]
    for number, ((slug, code), kind) in enumerate(itertools.product(places, kinds)):
        SpaceListingFactory(
            municipality=place(slug),
            postal_code=code,
            space_kind=kind,
            size_m2=20 + 10 * number,
            price=Decimal(100 * number),
            features=[feature("lager")] if number % 2 else [],
        )
        if number % 3 == 0:
            space_request(municipality=place(slug), space_kind=kind, postal_code=code)


FILTER_STATES = [
    {},
    {"art": "angebot"},
    {"raum": "office", "kreis": "dresden"},
    {"art": "gesuch", "ort": "leipzig"},
    {"kreis": "dresden", "ort": "radebeul", "raum": "workshop"},
    {"ab": "60", "ausstattung": "lager"},
    {"preis": "500", "art": "angebot", "kreis": "chemnitz"},
]


@pytest.mark.parametrize("params", FILTER_STATES, ids=lambda p: "&".join(p) or "none")
def test_every_option_counts_what_choosing_it_would_give(client, spread, params):
    shown = counts(client, params)
    assert shown["total"] == len(list_of(client, params))
    for facet in ("art", "raum", "kreis", "ort", "ausstattung"):
        for value, count in shown[facet].items():
            chosen = dict(params, **{facet: value})
            if facet == "ausstattung":
                chosen[facet] = value
            assert count == len(list_of(client, chosen)), (facet, value)


def list_of(client, params):
    response = client.get(LIST, dict(params, seite="1"))
    return [listing.pk for listing in response.context["page"].paginator.object_list]
