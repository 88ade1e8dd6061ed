"""Capacity holds under parallel requests: the event's settings row is locked while a
registration counts the places and takes one (PostgreSQL; SQLite has no row locks and
serialises writers anyway)."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client

from anmeldungen import links
from anmeldungen.models import Registration
from postausgang.models import OutgoingMail
from tests.anmeldungen.registration_data import event_with_registration, form_data, register_url

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are PostgreSQL's"),
]

PARALLEL = 20
CAPACITY = 5


@pytest.fixture(autouse=True)
def a_connection_for_every_thread():
    """Production's pool gives a process a few connections and lets a request wait one
    second for one; here every thread gets its own, so all of them really run at once."""
    wrapper = connections["default"]
    pool = wrapper.settings_dict["OPTIONS"].get("pool")
    if not isinstance(pool, dict):
        yield
        return
    original = dict(pool)
    wrapper.close()
    wrapper.close_pool()
    pool.update(max_size=PARALLEL + 2, timeout=30)
    yield
    wrapper.close()
    wrapper.close_pool()
    pool.clear()
    pool.update(original)


def run_in_parallel(target, count):
    start = threading.Barrier(count)
    errors = []

    def run(number):
        try:
            start.wait()
            target(number)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(number,)) for number in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_twenty_parallel_registrations_for_five_places(reference_data, settings):
    event = event_with_registration(capacity=CAPACITY)
    statuses = []

    def register(number):
        # Each its own client and address: the rate limit counts per IP address.
        client = Client(REMOTE_ADDR=f"192.0.2.{number + 1}")
        response = client.post(register_url(event), form_data(email=f"person{number}@example.net"))
        statuses.append(response.status_code)

    errors = run_in_parallel(register, PARALLEL)

    assert errors == []
    assert statuses == [302] * PARALLEL
    registrations = Registration.objects.filter(event=event)
    assert registrations.count() == PARALLEL  # none lost
    assert registrations.confirmed().count() == CAPACITY
    assert registrations.waitlisted().count() == PARALLEL - CAPACITY
    assert OutgoingMail.objects.filter(kind="anmeldungen/confirmed").count() == CAPACITY
    assert OutgoingMail.objects.filter(kind="anmeldungen/waitlisted").count() == PARALLEL - CAPACITY


def test_parallel_cancellations_promote_each_waiting_person_once(reference_data):
    event = event_with_registration(capacity=CAPACITY)
    client = Client()
    for number in range(CAPACITY * 2):
        client.post(register_url(event), form_data(email=f"person{number}@example.net"))
    confirmed = list(Registration.objects.confirmed().filter(event=event))
    urls = [links.cancel_url(registration, absolute=False) for registration in confirmed]

    errors = run_in_parallel(lambda number: Client().post(urls[number]), CAPACITY)

    assert errors == []
    assert Registration.objects.confirmed().filter(event=event).count() == CAPACITY
    assert not Registration.objects.waitlisted().filter(event=event).exists()
    assert OutgoingMail.objects.filter(kind="anmeldungen/promoted").count() == CAPACITY


def test_the_same_address_twice_in_parallel_registers_once(reference_data):
    event = event_with_registration(capacity=CAPACITY)
    errors = run_in_parallel(
        lambda number: Client(REMOTE_ADDR=f"192.0.2.{number + 1}").post(
            register_url(event), form_data()
        ),
        10,
    )
    assert errors == []
    assert Registration.objects.filter(event=event).count() == 1
