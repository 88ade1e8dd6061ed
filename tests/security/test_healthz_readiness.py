"""A Redis outage must not make the load balancer pull every instance.

/healthz used to answer 503 whenever the cache was down, although every page still works
without it (betrieb.cache): a load balancer would have taken the whole site offline.
/healthz (the load balancer's probe) now checks the process and the database; /readyz
adds the cache, for monitoring.
"""

from unittest import mock

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db

UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "betrieb.cache.ResilientRedisCache",
        # Nothing listens on port 9: every cache call fails.
        "LOCATION": "redis://127.0.0.1:9/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


def test_with_redis_down_the_load_balancer_probe_stays_ok(client, settings):
    settings.CACHES = UNREACHABLE_REDIS

    response = client.get("/healthz", HTTP_HOST="10.0.0.7:8000")

    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_with_redis_down_the_readiness_probe_reports_it_without_details(client, settings):
    settings.CACHES = UNREACHABLE_REDIS

    response = client.get("/readyz", HTTP_HOST="10.0.0.7:8000")

    assert response.status_code == 503
    assert response.content == b"unavailable\n"
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("path", ["/healthz", "/readyz", "/readyz/"])
def test_without_the_database_both_probes_fail(client, path):
    with mock.patch(
        "betrieb.health.connection.cursor", side_effect=OperationalError("db.internal down")
    ):
        response = client.get(path)

    assert response.status_code == 503
    assert b"db.internal" not in response.content


def test_with_everything_up_both_probes_answer_ok(client):
    assert client.get("/healthz").content == b"ok\n"
    assert client.get("/readyz").content == b"ok\n"
