"""What the two probes check.

/healthz (liveness, what the load balancer asks): this process answers and the database
answers. Without the database no page can be built, so the instance may be pulled.

/readyz (readiness at full speed, for monitoring and alerts): the database and the cache.
A Redis outage costs speed, not pages (betrieb.cache serves uncached), so it must not make
a load balancer pull every instance at once; it belongs on a dashboard, not in /healthz.
/healthz does not even probe the cache: an unreachable Redis costs a connect timeout per
call, which would push the probe towards the load balancer's own timeout.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import connection

logger = logging.getLogger(__name__)

CACHE_PROBE_KEY = "healthz:probe"


def database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.exception("Health check: the database does not answer")
        return False


def cache_ok():
    token = uuid.uuid4().hex
    try:
        cache.set(CACHE_PROBE_KEY, token, timeout=10)
        answered = cache.get(CACHE_PROBE_KEY) == token
    except Exception:
        logger.exception("Health check: the cache does not answer")
        return False
    if not answered:
        # The resilient Redis backend swallows its errors; a lost probe value is the sign.
        logger.warning("Health check: the cache did not return its probe value")
    return answered


def is_alive():
    return database_ok()


def is_ready():
    # Both always run, so the log names every failing part at once.
    database, cache_state = database_ok(), cache_ok()
    return database and cache_state
