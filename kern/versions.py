"""Version tokens in the shared cache, one per kind of cached data.

Cached data (whole pages, directory counts, the filter vocabulary) is stored under a key
that contains the current token of its kind; a change replaces the token, so every process
computes afresh on its next request without anyone deleting keys. Tokens never expire: an
evicted one is simply created anew, which invalidates as well.
"""

import secrets
from functools import partial

from django.core.cache import cache
from django.db import transaction


def _key(name: str) -> str:
    return f"version:{name}"


def current(name: str) -> str:
    """The token of `name`, created on first use."""
    key = _key(name)
    version = cache.get(key)
    if version is None:
        # add(): of two processes starting at once, both end up with the same token.
        cache.add(key, secrets.token_hex(8), None)
        version = cache.get(key)
        if version is None:  # a cache that keeps nothing (the dummy cache, an outage)
            version = secrets.token_hex(8)
    return version


def bump(name: str) -> str:
    """Replace the token of `name`: what was cached under the old one is never read again."""
    version = secrets.token_hex(8)
    cache.set(_key(name), version, None)
    return version


def bump_now_and_at_commit(name: str) -> None:
    """Replace the token now, and again once the open transaction commits (at once outside
    one): whatever another process computes from the old rows in between is not kept."""
    bump(name)
    transaction.on_commit(partial(bump, name), robust=True)
