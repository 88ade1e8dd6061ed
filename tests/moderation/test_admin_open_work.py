"""The admin index opens with the work: open items per queue section, counted only for the
staff member's own association (all of them for the Landesverband), each linked to its
section of the queue, in a fixed number of queries."""

import re

import pytest

from mitglieder.models import MembershipRequest
from tests.factories import make_profile, place
from tests.raeume.listing_scenes import listing

pytestmark = pytest.mark.django_db

INDEX = "/admin/"


TILE = re.compile(
    r'<span class="open-work__count">(\d+)</span> <span class="open-work__label">([^<]+)</span>'
)


def tiles(html):
    return {label: int(count) for count, label in TILE.findall(html)}


@pytest.fixture
def work(reference_data):
    for slug in ("chemnitz", "chemnitz", "leipzig"):
        make_profile(slug, status="review")
    MembershipRequest.objects.create(
        name="Neues Atelier",
        contact_name="Nina",
        email="n@example.org",
        municipality=place("zwickau"),
    )
    listing("leipzig", status="pending")


def test_regional_staff_see_their_own_associations_open_items(client_for, staff_chemnitz, work):
    counts = tiles(client_for(staff_chemnitz).get(INDEX).content.decode())

    assert counts["Profile in Prüfung"] == 2
    assert counts["Offene Mitgliedsanträge"] == 1
    assert counts["Raumanzeigen, die auf Veröffentlichung warten"] == 0


def test_other_regions_count_their_own(client_for, staff_leipzig, work):
    counts = tiles(client_for(staff_leipzig).get(INDEX).content.decode())

    assert counts["Profile in Prüfung"] == 1
    assert counts["Offene Mitgliedsanträge"] == 0


def test_the_landesverband_counts_everything(client_for, staff_landesverband, work):
    html = client_for(staff_landesverband).get(INDEX).content.decode()

    assert tiles(html)["Profile in Prüfung"] == 3
    assert 'href="/admin/moderation/moderationqueue/#in-review"' in html


def test_counting_costs_one_query_per_section_whatever_the_amount(
    client_for, staff_chemnitz, work, django_assert_max_num_queries
):
    staff = client_for(staff_chemnitz)
    staff.get(INDEX)
    with django_assert_max_num_queries(40) as few:
        staff.get(INDEX)
    for _ in range(5):
        make_profile("chemnitz", status="review")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert tiles(staff.get(INDEX).content.decode())["Profile in Prüfung"] == 7


def test_reference_data_and_technical_records_are_folded_below_the_work(client, superuser):
    client.force_login(superuser)
    html = client.get(INDEX).content.decode()
    main = html.split('id="content-main"')[1]
    daily, folded = main.split('<details class="admin-more">', 1)
    reference, technical = folded.split('<details class="admin-more">', 1)
    assert "/admin/mitglieder/profile/" in daily
    assert "/admin/veranstaltungen/event/" in daily
    for address in ("/admin/verbaende/municipality/", "/admin/sparten/discipline/"):
        assert address not in daily
        assert address in reference
    assert "/admin/axes/accessattempt/" in technical
    assert "/admin/axes/accessattempt/" not in daily + reference
    # The association itself is daily work for its staff, though it shares an app with the
    # districts and places.
    assert "/admin/verbaende/association/" in daily


def test_regional_staff_see_only_the_reference_data_they_may_view(client_for, staff_chemnitz):
    html = client_for(staff_chemnitz).get(INDEX).content.decode()
    main = html.split('id="content-main"')[1]
    assert "/admin/axes/" not in main
    assert "/admin/mitglieder/profile/" in main.split('<details class="admin-more">')[0]
