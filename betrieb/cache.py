"""Django's Redis cache, but an unreachable Redis behaves like an empty cache.

Everything the site caches can be computed again, so a Redis restart or outage costs speed,
not availability: reads miss, writes are dropped, and a warning is logged at most every
LOG_INTERVAL seconds per process instead of once per request. /readyz reports the cache as
down (its probe value does not come back); /healthz, which the load balancer asks, does not.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)
LOG_INTERVAL = 30


class ResilientRedisCache(RedisCache):
    _last_warning = 0.0

    def _unavailable(self, operation, error):
        now = time.monotonic()
        if now - ResilientRedisCache._last_warning >= LOG_INTERVAL:
            ResilientRedisCache._last_warning = now
            logger.warning("Redis cache unavailable (%s): %s; serving uncached", operation, error)

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except UNAVAILABLE as error:
            self._unavailable("get", error)
            return default

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except UNAVAILABLE as error:
            self._unavailable("get_many", error)
            return {}

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except UNAVAILABLE as error:
            self._unavailable("has_key", error)
            return False

    def set(self, key, value, timeout=None, version=None):
        try:
            return super().set(key, value, timeout, version)
        except UNAVAILABLE as error:
            self._unavailable("set", error)
            return None

    def add(self, key, value, timeout=None, version=None):
        try:
            return super().add(key, value, timeout, version)
        except UNAVAILABLE as error:
            self._unavailable("add", error)
            return False

    def set_many(self, data, timeout=None, version=None):
        try:
            return super().set_many(data, timeout, version)
        except UNAVAILABLE as error:
            self._unavailable("set_many", error)
            return list(data)

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except UNAVAILABLE as error:
            self._unavailable("delete", error)
            return False

    def delete_many(self, keys, version=None):
        try:
            return super().delete_many(keys, version)
        except UNAVAILABLE as error:
            self._unavailable("delete_many", error)
            return None

    def incr(self, key, delta=1, version=None):
        # Rate limits count with incr (kern.rate_limits); during an outage a count of
        # zero lets the request through instead of failing every form.
        try:
            return super().incr(key, delta, version)
        except UNAVAILABLE as error:
            self._unavailable("incr", error)
            return 0

    def touch(self, key, timeout=None, version=None):
        try:
            return super().touch(key, timeout, version)
        except UNAVAILABLE as error:
            self._unavailable("touch", error)
            return False
