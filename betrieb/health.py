"""What /healthz checks: the database answers and the cache stores and returns a value."""

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
        return cache.get(CACHE_PROBE_KEY) == token
    except Exception:
        logger.exception("Health check: the cache does not answer")
        return False


def check_health():
    # Both always run, so the log names every failing part at once.
    database, cache_state = database_ok(), cache_ok()
    return database and cache_state
