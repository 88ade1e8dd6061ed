"""Posting, editing, marking as taken and deleting listings, and who may do it."""

import datetime

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from raeume.models import Listing
from raeume.services import POSTING_LIMIT
from tests.factories import UserFactory, place
from tests.space_listings import SpaceListingFactory, feature

CREATE = "/raeume/neu/"
MINE = "/raeume/meine/"


def offer_data(**changes):
    data = {
        "listing_type": "offer",
        "space_kind": "studio",
        "title": "Atelier mit Nordlicht",
        "description": "Ruhiger Raum im Hinterhaus, ideal für Malerei.",
        "poster_name": "Anna Vermieterin",
        "size_m2": "38",
        "price": "290",
        "price_unit": "month",
        "municipality": str(place("chemnitz").pk),
        "postal_code": "09111",
        "street_address": "Hinterhof 2",
        "features": [str(feature("tageslicht").pk)],
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def request_data(**changes):
    data = offer_data(
        listing_type="request",
        title="Suchen Proberaum",
        size_m2=None,
        price=None,
        size_min_m2="20",
        size_max_m2="50",
        max_price="250",
        wanted_districts=[str(place("leipzig").district_id)],
    )
    data.update(changes)
    return data


def field_errors(response, name):
    return response.context["form"].errors.get(name, [])


@pytest.fixture
def poster(reference_data):
    """A registered landlord without a member profile."""
    return UserFactory(email="vermieter@example.org", full_name="Anna Vermieterin")


def test_posting_needs_an_account(client, reference_data):
    response = client.get(CREATE)
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/anmelden/")


def test_a_new_offer_waits_for_review_and_leads_to_the_photos(client, poster):
    client.force_login(poster)
    response = client.post(CREATE, offer_data())
    listing = Listing.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/raeume/{listing.pk}/fotos/"
    assert listing.status == Listing.Status.PENDING
    assert listing.submitted_at is not None
    assert listing.poster == poster
    assert list(listing.features.values_list("slug", flat=True)) == ["tageslicht"]
    # Not public yet.
    client.logout()
    assert client.get(listing.get_absolute_url()).status_code == 404


def test_a_new_request_keeps_only_the_request_fields(client, poster):
    client.force_login(poster)
    client.post(CREATE, request_data(size_m2="99", price="10"))
    listing = Listing.objects.get()
    assert listing.listing_type == Listing.ListingType.REQUEST
    assert (listing.size_min_m2, listing.size_max_m2) == (20, 50)
    assert listing.size_m2 is None and listing.price is None
    assert list(listing.wanted_districts.values_list("slug", flat=True)) == ["leipzig"]


def test_a_member_may_post_in_the_name_of_their_profile(client, owner, owned_profile):
    client.force_login(owner)
    client.post(CREATE, offer_data(profile=str(owned_profile.pk)))
    assert Listing.objects.get().profile == owned_profile


def test_a_member_cannot_post_in_the_name_of_someone_elses_profile(client, owner, other_member):
    client.force_login(owner)
    response = client.post(CREATE, offer_data(profile=str(other_member.profiles.get().pk)))
    assert response.status_code == 200
    assert field_errors(response, "profile")
    assert not Listing.objects.exists()


YESTERDAY = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
NEXT_WEEK = (timezone.localdate() + datetime.timedelta(days=7)).isoformat()
NEXT_MONTH = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()


@pytest.mark.parametrize(
    ("changes", "field", "msgid"),
    [
        ({"size_m2": "-5"}, "size_m2", None),
        ({"size_m2": "0"}, "size_m2", None),
        ({"size_m2": "5000000"}, "size_m2", None),
        ({"price": "-1"}, "price", None),
        ({"price": "99999999"}, "price", None),
        ({"price": "viel"}, "price", None),
        ({"size_m2": ""}, "size_m2", "Please enter the size of the space in m²."),
        (
            {"price": ""},
            "price",
            "Please enter the price, or choose “negotiable” or “free of charge”.",
        ),
        (
            {"available_until": YESTERDAY},
            "available_until",
            "This date is in the past. Please give a date from today on.",
        ),
        (
            {"available_from": NEXT_MONTH, "available_until": NEXT_WEEK},
            "available_until",
            "“Available until” must not be before “available from”.",
        ),
        ({"available_from": "31.02.2027"}, "available_from", None),
        ({"postal_code": "1234"}, "postal_code", "A postal code has five digits, e.g. 01067."),
        ({"postal_code": "10115"}, "postal_code", None),
        ({"municipality": "999999"}, "municipality", None),
        ({"municipality": ""}, "municipality", None),
        (
            {"show_street_address": "on", "street_address": ""},
            "street_address",
            "Please enter the street, or untick “show street and number”.",
        ),
        ({"title": "Zeile\x00mit Nullbyte"}, "title", None),
    ],
)
def test_bad_offers_are_refused_with_a_message_at_the_field(client, poster, changes, field, msgid):
    client.force_login(poster)
    response = client.post(CREATE, offer_data(**changes))
    assert response.status_code == 200
    errors = field_errors(response, field)
    assert errors
    if msgid:
        with translation.override("de"):
            assert gettext(msgid) in errors
    assert not Listing.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "msgid"),
    [
        (
            {"size_min_m2": "80", "size_max_m2": "20"},
            "size_max_m2",
            "The largest size must not be smaller than the smallest.",
        ),
        (
            {"size_min_m2": "", "size_max_m2": ""},
            "size_min_m2",
            "Please enter at least the smallest or the largest size.",
        ),
        ({"wanted_districts": []}, "wanted_districts", "Please choose at least one district."),
        ({"max_price": "-20"}, "max_price", None),
    ],
)
def test_bad_requests_are_refused_with_a_message_at_the_field(
    client, poster, changes, field, msgid
):
    client.force_login(poster)
    response = client.post(CREATE, request_data(**changes))
    errors = field_errors(response, field)
    assert errors
    if msgid:
        with translation.override("de"):
            assert gettext(msgid) in errors
    assert not Listing.objects.exists()


def test_a_postal_code_outside_saxony_is_named_in_the_message(client, poster):
    client.force_login(poster)
    response = client.post(CREATE, offer_data(postal_code="10115"))
    with translation.override("de"):
        expected = gettext(
            "%(code)s is not a postal code in Saxony. Saxon postal codes start with "
            "01, 02, 04, 08 or 09."
        ) % {"code": "10115"}
    assert field_errors(response, "postal_code") == [expected]


def test_free_spaces_need_no_price(client, poster):
    client.force_login(poster)
    client.post(CREATE, offer_data(price="", price_unit="free"))
    assert Listing.objects.get().price is None


def test_posting_is_limited_per_account_and_day(client, poster):
    client.force_login(poster)
    for _ in range(POSTING_LIMIT.attempts):
        assert client.post(CREATE, offer_data()).status_code == 302
    response = client.post(CREATE, offer_data())
    assert response.status_code == 429
    assert Listing.objects.count() == POSTING_LIMIT.attempts


# The poster's own listings ---------------------------------------------------------------


@pytest.fixture
def listing(owner):
    return SpaceListingFactory(poster=owner, title="Atelier von Olga")


def paths(listing):
    return {
        "edit": f"/raeume/{listing.pk}/bearbeiten/",
        "photos": f"/raeume/{listing.pk}/fotos/",
        "delete": f"/raeume/{listing.pk}/loeschen/",
    }


@pytest.mark.parametrize("page", ["edit", "photos", "delete"])
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("owner", 200),
        ("other_member", 404),
        ("staff_leipzig", 404),
        # Staff edit listings in the admin; the poster's pages are the poster's alone.
        ("staff_chemnitz", 404),
        ("superuser", 404),
    ],
)
def test_only_the_poster_opens_their_listings_pages(
    request, client_for, listing, page, role, status
):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    response = client_for(user).get(paths(listing)[page])
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith("/konto/anmelden/")


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("other_member", 404), ("staff_chemnitz", 404)],
)
def test_strangers_can_neither_delete_nor_mark_a_listing(
    request, client_for, listing, role, status
):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    client = client_for(user)
    assert client.post(paths(listing)["delete"]).status_code == status
    assert client.post(f"/raeume/{listing.pk}/vergeben/", {"vergeben": "1"}).status_code == status
    listing.refresh_from_db()
    assert listing.taken_at is None


def test_my_listings_shows_only_mine_with_status_and_actions(client, owner, listing):
    SpaceListingFactory(title="Fremdes Büro")
    SpaceListingFactory(
        poster=owner, title="Wartet", status=Listing.Status.PENDING, expires_on=None
    )
    assert client.get(MINE).status_code == 302
    client.force_login(owner)
    response = client.get(MINE)
    html = response.content.decode()
    assert "Atelier von Olga" in html and "Wartet" in html
    assert "Fremdes Büro" not in html
    with translation.override("de"):
        assert gettext("In review") in html
    assert f'action="/raeume/{listing.pk}/vergeben/"' in html


def test_my_listings_needs_few_queries(client, owner, django_assert_max_num_queries):
    SpaceListingFactory(poster=owner)
    client.force_login(owner)
    with django_assert_max_num_queries(7) as one:
        client.get(MINE)
    SpaceListingFactory.create_batch(5, poster=owner)
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(MINE)


def test_editing_a_published_listing_keeps_it_published(client, owner, listing):
    client.force_login(owner)
    response = client.post(paths(listing)["edit"], offer_data(title="Atelier, frisch gestrichen"))
    assert response.status_code == 302
    listing.refresh_from_db()
    assert listing.title == "Atelier, frisch gestrichen"
    assert listing.status == Listing.Status.PUBLISHED
    assert client.get(listing.get_absolute_url()).status_code == 200


def test_editing_a_rejected_listing_sends_it_back_for_review(client, owner):
    rejected = SpaceListingFactory(poster=owner, status=Listing.Status.REJECTED)
    client.force_login(owner)
    client.post(paths(rejected)["edit"], offer_data())
    rejected.refresh_from_db()
    assert rejected.status == Listing.Status.PENDING


def test_marking_as_taken_and_back(client, owner, listing):
    client.force_login(owner)
    client.post(f"/raeume/{listing.pk}/vergeben/", {"vergeben": "1"})
    listing.refresh_from_db()
    assert listing.is_taken
    client.logout()
    assert listing.title not in client.get("/raeume/").content.decode()
    client.force_login(owner)
    client.post(f"/raeume/{listing.pk}/vergeben/", {"vergeben": "0"})
    listing.refresh_from_db()
    assert not listing.is_taken


def test_marking_and_deleting_need_post(client, owner, listing):
    client.force_login(owner)
    assert client.get(f"/raeume/{listing.pk}/vergeben/").status_code == 405
    assert client.get(paths(listing)["delete"]).status_code == 200  # the confirmation
    assert Listing.objects.filter(pk=listing.pk).exists()


def test_the_list_shows_a_change_at_once(client, owner, listing):
    assert "Atelier von Olga" in client.get("/raeume/").content.decode()
    listing.title = "Atelier von Olga, renoviert"
    listing.save()
    assert "Atelier von Olga, renoviert" in client.get("/raeume/").content.decode()
