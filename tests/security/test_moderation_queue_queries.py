"""The moderation queue reads a constant number of queries, however long it is.

It used to compute each changed profile's diff with three history queries, two for the
disciplines of the old and new version and one per place or discipline name shown: 20
changed profiles cost over a hundred queries. Now the diffs of all profiles are read
together; the count is the same for one entry per section as for twenty.
"""

import datetime

import pytest
from django.utils import timezone

from mitglieder.models import MembershipRequest
from raeume.models import Listing
from tests.factories import SuccessReportFactory, discipline, make_profile, place
from tests.space_listings import SpaceListingFactory

QUEUE = "/admin/moderation/moderationqueue/"
# Session (read and saved), user, permissions, the staff member's association; profiles in
# review, their disciplines and gallery images; changed profiles, their gallery images, their
# history records, the disciplines of those and the names of places and disciplines;
# requests and their disciplines; reports; the requests' possible duplicates
# (mitglieder.duplicates: addresses, domains, open requests, names, each one query for the
# whole batch); space listings waiting for publication and those changed since their review.
QUEUE_QUERIES = 30


def fill_queue(count, member):
    """`count` entries in each section of Kreatives Chemnitz' queue."""
    past = timezone.now() - datetime.timedelta(days=1)
    for n in range(count):
        changed = make_profile("chemnitz", name=f"Geändertes Atelier {n}")
        changed._history_user = member
        changed.tagline = f"Neuer Satz {n}"
        changed.municipality = place("annaberg-buchholz")
        changed.save()
        changed.disciplines.set([discipline("fotografie")])

        make_profile("chemnitz", name=f"Neues Atelier {n}", status="review")
        request = MembershipRequest.objects.create(
            name=f"Anfrage {n}",
            contact_name="Nina",
            email="nina@example.org",
            municipality=place("chemnitz"),
        )
        request.disciplines.set([discipline("games")])
        SuccessReportFactory(profile=changed, title=f"Preis {n}")
        SpaceListingFactory(title=f"Wartender Raum {n}", status=Listing.Status.PENDING)
        edited = SpaceListingFactory(title=f"Geänderter Raum {n}", reviewed_at=past)
        Listing.objects.filter(pk=edited.pk).update(updated_at=timezone.now())


@pytest.mark.parametrize("count", [1, 20])
def test_the_queue_costs_the_same_queries_for_one_entry_as_for_twenty(
    client_for, staff_chemnitz, owner, django_assert_num_queries, count
):
    fill_queue(count, owner)
    client = client_for(staff_chemnitz)

    with django_assert_num_queries(QUEUE_QUERIES):
        response = client.get(QUEUE)

    page = response.content.decode()
    assert response.status_code == 200
    # Every entry is there, each diff with its place and discipline names.
    last = count - 1
    for text in [
        f"Neues Atelier {last}",
        f"Anfrage {last}",
        f"Preis {last}",
        f"Wartender Raum {last}",
        f"Geänderter Raum {last}",
    ]:
        assert text in page
    # (the changed words marked as removed and added: moderation.word_diff)
    assert page.count("<td><del>Chemnitz</del></td><td><ins>Annaberg-Buchholz</ins></td>") == count
    assert (
        page.count("<td><del>Kommunikationsdesign</del></td><td><ins>Fotografie</ins></td>")
        == count
    )
    assert page.count(f"<td><ins>Neuer Satz {last}</ins></td>") == 1
