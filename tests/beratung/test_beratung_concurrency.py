"""Twenty people book the same slot at the same moment: exactly one gets it.

Runs on PostgreSQL only (row locks and concurrent connections); SQLite writes one
transaction at a time, so there is no race to test there.
"""

import threading

import pytest
from django.db import connection, connections
from django.test import Client

from beratung import services
from beratung.models import Booking, Topic
from beratung.reference import ensure_topics
from postausgang.models import OutgoingMail
from tests.beratung.beratung_data import advisor, slot

PARALLEL = 20

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL's row locks"
)


def _run_in_parallel(work):
    barrier = threading.Barrier(PARALLEL)
    results = [None] * PARALLEL

    def run(number):
        try:
            barrier.wait(timeout=30)
            results[number] = work(number)
        except Exception as error:
            results[number] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.fixture
def contested_slot(transactional_db, reference_data):
    ensure_topics(Topic)
    return slot(advisor())


def test_exactly_one_of_twenty_parallel_bookings_of_a_slot_succeeds(contested_slot):
    def book(number):
        data = services.BookingRequest(name=f"Person {number}", email=f"p{number}@example.org")
        try:
            services.book(contested_slot.pk, data, language="de")
        except services.SlotUnavailable as error:
            return error.reason
        return "booked"

    results = _run_in_parallel(book)

    assert results.count("booked") == 1, results
    assert results.count("taken") == PARALLEL - 1, results
    assert Booking.objects.filter(slot=contested_slot).count() == 1
    # Only the winner's mails exist: the losers' transactions stored nothing.
    assert OutgoingMail.objects.filter(kind="beratung/confirmation").count() == 1


def test_exactly_one_of_twenty_parallel_form_posts_succeeds(contested_slot):
    topic = contested_slot.topics.first()

    def post(number):
        response = Client().post(
            f"/beratung/termin/{contested_slot.pk}/",
            {
                "name": f"Person {number}",
                "email": f"p{number}@example.org",
                "topic": topic.pk,
                "consent": "on",
            },
            REMOTE_ADDR=f"10.0.0.{number + 1}",
        )
        return response.status_code

    results = _run_in_parallel(post)

    assert results.count(302) == 1, results
    assert results.count(409) == PARALLEL - 1, results
    assert Booking.objects.filter(slot=contested_slot).count() == 1
