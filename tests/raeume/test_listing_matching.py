"""Matching: a published offer that fits a published request (kind, size, price, district,
time) is stored as a match, shown to the two posters on their listings' pages and announced
to each of them by mail, once per pair."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from raeume.matching import find_matches, offers_fitting, requests_fitting
from raeume.models import Listing, Match
from tests.raeume.listing_scenes import listing, request_for

TODAY = datetime.date(2027, 3, 1)


@pytest.fixture
def wanted(reference_data):
    """A request for a studio of 30 to 60 m² up to 500 € a month in Dresden, from 1 March."""
    return request_for(
        "dresden",
        size_min_m2=30,
        size_max_m2=60,
        max_price=Decimal("500"),
        available_from=TODAY,
        title="Suche Atelier in Dresden",
    )


def offer(**fields):
    return listing("dresden", **({"title": "Atelier", "size_m2": 40, "price": 400} | fields))


def fits(request, candidate):
    """Both directions must agree: the request finds the offer and the offer the request."""
    forward = offers_fitting(request).filter(pk=candidate.pk).exists()
    if Listing.objects.available().filter(pk=candidate.pk).exists():
        # (An unavailable offer is never matched from its side: find_matches skips it.)
        backward = requests_fitting(candidate).filter(pk=request.pk).exists()
        assert forward == backward, (forward, backward)
    return forward


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({}, True),
        ({"space_kind": Listing.SpaceKind.OFFICE}, False),
        ({"size_m2": 30}, True),
        ({"size_m2": 60}, True),
        ({"size_m2": 29}, False),
        ({"size_m2": 61}, False),
        ({"size_m2": None}, True),
        ({"price": Decimal("500")}, True),
        ({"price": Decimal("500.01")}, False),
        ({"price": Decimal("900"), "price_unit": Listing.PriceUnit.NEGOTIABLE}, True),
        ({"price": None, "price_unit": Listing.PriceUnit.FREE}, True),
        ({"price": Decimal("80"), "price_unit": Listing.PriceUnit.DAY}, True),
        ({"price": Decimal("600"), "price_unit": Listing.PriceUnit.DAY}, False),
        ({"available_from": TODAY + datetime.timedelta(days=30)}, True),
        ({"available_from": TODAY + datetime.timedelta(days=31)}, False),
        ({"available_from": TODAY - datetime.timedelta(days=300)}, True),
        ({"available_until": TODAY - datetime.timedelta(days=1)}, False),
        ({"available_until": TODAY}, True),
    ],
)
def test_an_offer_fits_a_request_by_kind_size_price_and_time(wanted, fields, expected):
    assert fits(wanted, offer(**fields)) is expected


def test_without_wanted_districts_the_requests_own_district_counts(wanted):
    assert fits(wanted, offer())
    assert not fits(wanted, listing("meissen", title="Atelier in Meißen"))


def test_wanted_districts_replace_the_own_district(reference_data):
    request = request_for("dresden", wanted_districts=["meissen", "bautzen"])

    assert fits(request, listing("meissen"))
    assert not fits(request, listing("dresden"))


def test_open_ends_and_no_budget_fit_everything_of_the_kind(reference_data):
    request = request_for("leipzig")

    assert fits(request, listing("leipzig", size_m2=5000, price=Decimal("90000")))


def test_unavailable_and_own_listings_never_match(wanted):
    assert not fits(wanted, offer(taken_at=timezone.now()))
    assert not fits(wanted, offer(status=Listing.Status.PENDING))
    assert not fits(wanted, offer(expires_on=timezone.localdate() - datetime.timedelta(days=1)))
    assert not fits(wanted, offer(poster=wanted.poster))


def test_publishing_an_offer_stores_the_match_and_mails_both_posters_once(
    wanted, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        found = offer(title="Helles Atelier am Elbufer")

    match = Match.objects.get()
    assert (match.request, match.offer) == (wanted, found)
    assert match.request_owner_notified_at and match.offer_owner_notified_at
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted([wanted.poster.email, found.poster.email])
    to_requester = next(m for m in mail.outbox if m.to == [wanted.poster.email])
    assert "Helles Atelier am Elbufer" in to_requester.body
    assert f"/raeume/{found.pk}/" in to_requester.body
    assert found.poster.email not in to_requester.body

    # Changing either listing again finds the same pair: nobody is told twice.
    with django_capture_on_commit_callbacks(execute=True):
        found.description = "Jetzt mit neuem Boden."
        found.save()
        wanted.title = "Suche Atelier, gern mit Nordlicht"
        wanted.save()
    assert Match.objects.count() == 1
    assert len(mail.outbox) == 2


def test_one_mail_lists_every_new_match_of_a_new_request(
    reference_data, django_capture_on_commit_callbacks
):
    first = listing("leipzig", title="Erstes Atelier")
    second = listing("leipzig", title="Zweites Atelier")
    request = request_for("leipzig")

    with django_capture_on_commit_callbacks(execute=True):
        assert find_matches(request.pk) == 2

    to_requester = [m for m in mail.outbox if m.to == [request.poster.email]]
    assert len(to_requester) == 1
    assert "Erstes Atelier" in to_requester[0].body
    assert "Zweites Atelier" in to_requester[0].body
    assert {m.to[0] for m in mail.outbox} == {
        request.poster.email,
        first.poster.email,
        second.poster.email,
    }
    assert find_matches(request.pk) == 0


def test_a_pending_listing_is_not_matched(wanted, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        offer(status=Listing.Status.PENDING)

    assert not Match.objects.exists()
    assert not mail.outbox


def test_candidates_are_found_in_one_query_whatever_their_number(
    reference_data, django_assert_num_queries
):
    for number in range(12):
        listing("chemnitz", title=f"Atelier {number}")
        listing("leipzig", title=f"Atelier in Leipzig {number}")
    request = Listing.objects.select_related("municipality").get(pk=request_for("chemnitz").pk)
    offer_ = Listing.objects.select_related("municipality").get(title="Atelier 0")

    with django_assert_num_queries(1):
        assert len(offers_fitting(request)) == 12
    with django_assert_num_queries(1):
        assert len(requests_fitting(offer_)) == 1


def test_the_poster_sees_the_matches_on_the_listing_page_and_nobody_else_does(
    client_for, wanted, other_member, staff_dresden
):
    found = offer(title="Atelier mit Nordlicht")
    find_matches(found.pk)

    own_page = client_for(wanted.poster).get(f"/raeume/{wanted.pk}/").content.decode()
    assert "Atelier mit Nordlicht" in own_page
    assert f'href="/raeume/{found.pk}/"' in own_page

    for viewer in [other_member, staff_dresden]:
        page = client_for(viewer).get(f"/raeume/{wanted.pk}/").content.decode()
        assert "Atelier mit Nordlicht" not in page


def test_a_match_taken_in_the_meantime_leaves_the_posters_list(client_for, wanted):
    found = offer(title="Atelier mit Nordlicht")
    find_matches(found.pk)
    Listing.objects.filter(pk=found.pk).update(taken_at=timezone.now())

    page = client_for(wanted.poster).get(f"/raeume/{wanted.pk}/").content.decode()

    assert "Atelier mit Nordlicht" not in page
