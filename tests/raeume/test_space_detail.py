"""The detail page of a listing and who sees it before, after and outside publication."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from raeume.models import Listing
from tests.space_listings import SpaceListingFactory, add_photo, feature, space_request


@pytest.fixture
def pending(owner):
    """A listing of the owner in Chemnitz, waiting for review."""
    return SpaceListingFactory(
        poster=owner, status=Listing.Status.PENDING, published_at=None, expires_on=None
    )


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 404),
        ("owner", 200),
        ("other_member", 404),
        ("staff_leipzig", 404),
        ("staff_chemnitz", 200),
        ("staff_landesverband", 200),
    ],
)
def test_a_listing_in_review_is_seen_by_its_poster_and_its_associations_staff_only(
    request, client_for, pending, role, status
):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    response = client_for(user).get(pending.get_absolute_url())
    assert response.status_code == status
    if status == 200:
        with translation.override("de"):
            notice = gettext(
                "This listing is being reviewed by the regional association. It is not public yet."
            )
        assert notice in response.content.decode()


@pytest.mark.parametrize("status", [Listing.Status.REJECTED, Listing.Status.PUBLISHED])
def test_rejected_and_expired_listings_are_gone_for_the_public_but_not_their_poster(
    client, owner, status
):
    listing = SpaceListingFactory(
        poster=owner, status=status, expires_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert client.get(listing.get_absolute_url()).status_code == 404
    client.force_login(owner)
    response = client.get(listing.get_absolute_url())
    assert response.status_code == 200
    assert 'name="robots" content="noindex"' in response.content.decode()


def test_an_unknown_listing_is_404(client, reference_data):
    assert client.get("/raeume/999999/").status_code == 404


def test_the_page_shows_what_a_visitor_needs(client, owned_profile, reference_data):
    listing = SpaceListingFactory(
        title="Werkstatt mit Rolltor",
        profile=owned_profile,
        size_m2=85,
        price=Decimal("640"),
        available_from=timezone.localdate() + datetime.timedelta(days=10),
        features=[feature("starkstrom"), feature("lastenaufzug")],
    )
    add_photo(listing, alt_text="Werkstatt mit Hobelbank und Rolltor")
    html = client.get(listing.get_absolute_url()).content.decode()
    with translation.override("de"):
        assert gettext("%(price)s € per month") % {"price": "640"} in html
        assert gettext("%(size)s m²") % {"size": "85"} in html
    assert "Starkstrom" in html and "Lastenaufzug" in html
    assert 'alt="Werkstatt mit Hobelbank und Rolltor"' in html
    assert 'srcset="' in html and ".webp 64w" in html
    # Posted in the profile's name: the name links to the profile.
    assert f'<a href="{owned_profile.get_absolute_url()}">{owned_profile.name}</a>' in html
    assert "Musterstraße" not in html and "09111" not in html
    # The poster's e-mail address is never in the page.
    assert listing.poster.email not in html


@pytest.mark.parametrize(
    ("unit", "price", "msgid"),
    [
        (Listing.PriceUnit.FREE, None, "free of charge"),
        (Listing.PriceUnit.NEGOTIABLE, None, "negotiable"),
    ],
)
def test_free_and_negotiable_prices_read_as_words(client, reference_data, unit, price, msgid):
    listing = SpaceListingFactory(price_unit=unit, price=price)
    html = client.get(listing.get_absolute_url()).content.decode()
    with translation.override("de"):
        assert gettext(msgid) in html


def test_a_request_shows_its_range_budget_and_districts(client, reference_data):
    wanted = space_request(title="Suchen Proberaum", size_min_m2=20, size_max_m2=60)
    html = client.get(wanted.get_absolute_url()).content.decode()
    with translation.override("de"):
        assert gettext("%(low)s–%(high)s m²") % {"low": "20", "high": "60"} in html  # noqa: RUF001
        assert gettext("up to %(price)s € per month") % {"price": "400"} in html


def test_the_poster_finds_the_place_for_matches_and_their_actions(client, owner):
    listing = SpaceListingFactory(poster=owner)
    client.force_login(owner)
    html = client.get(listing.get_absolute_url()).content.decode()
    assert f'href="/raeume/{listing.pk}/bearbeiten/"' in html


def test_a_taken_listing_says_so_and_offers_no_contact_form(client, reference_data):
    listing = SpaceListingFactory(taken_at=timezone.now())
    html = client.get(listing.get_absolute_url()).content.decode()
    with translation.override("de"):
        assert gettext("This space has been taken.") in html
    assert "sender_email" not in html


def test_the_detail_page_needs_few_queries(client, reference_data, django_assert_max_num_queries):
    listing = SpaceListingFactory(features=[feature("lager")])
    add_photo(listing)
    with django_assert_max_num_queries(6):
        client.get(listing.get_absolute_url())
