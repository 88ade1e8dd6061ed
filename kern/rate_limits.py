"""Fixed-window rate limits in Django's cache, counted atomically.

`take(...)` counts an attempt and answers whether it is still within the limit, in one
step: the first attempt of a window creates the counter with `cache.add`, later ones
`cache.incr` it, and both are atomic in Redis and in the in-memory cache. Checking first
and counting after sending (check → send → count) lets parallel requests slip through
between the two; counting first does not.

Keys are hashed with SECRET_KEY, so the cache holds no readable addresses. With a cache
per process (no Redis configured) every process counts on its own; production shares
Redis. If Redis is unreachable the counters read as empty and nothing is limited: the
forms behind these limits stay usable rather than failing for everyone.
"""

import contextlib
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache


@dataclass(frozen=True)
class Limit:
    """At most `attempts` per `seconds` for one value of a scope ("contact-ip", ...)."""

    scope: str
    attempts: int
    seconds: int

    def take(self, value) -> bool:
        """Count one attempt for `value`; True while the attempts of this window are within
        the limit, False once they exceed it."""
        return _count(self._key(value), self.seconds) <= self.attempts

    def exceeded(self, value) -> bool:
        """True if `value` has used up this window without counting another attempt."""
        return (cache.get(self._key(value)) or 0) >= self.attempts

    def reset(self, value) -> None:
        cache.delete(self._key(value))

    def give_back(self, value) -> None:
        """Undo one `take` of this window for an attempt that turned out harmless (a login
        whose password was right): the other attempts stay counted, unlike `reset`."""
        # ValueError: the window has ended, and the new one owes nothing.
        key = self._key(value)
        with contextlib.suppress(ValueError):
            if cache.decr(key) < 0:
                # Redis recreated a key that expired between its existence check and the
                # DECR, without an expiry: drop it rather than keep a negative count forever.
                cache.delete(key)

    def _key(self, value) -> str:
        digest = hashlib.sha256(f"{settings.SECRET_KEY}:{self.scope}:{value}".encode())
        return f"rate:{self.scope}:{digest.hexdigest()[:32]}"


def take_all(limits_and_values) -> bool:
    """Count one attempt against every (limit, value) pair; True only if all allow it.
    Every pair is counted even after one refuses, so hammering one key still uses up the
    others' budgets."""
    results = [limit.take(value) for limit, value in limits_and_values]
    return all(results)


def _count(key, seconds) -> int:
    if cache.add(key, 1, seconds):
        return 1
    try:
        count = cache.incr(key)
    except ValueError:  # Expired between add() and incr(): a new window starts.
        cache.add(key, 1, seconds)
        return 1
    if count == 1:
        # Only add() starts a window at 1, so incr() found no key: Redis checks existence
        # and increments in two steps, and a key expiring in between comes back without
        # an expiry. Give it one, or this counter would never reset.
        cache.touch(key, seconds)
    return count
