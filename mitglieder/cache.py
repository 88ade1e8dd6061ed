"""A version number for everything the public directory shows.

Cached directory data (facet counts) is keyed by this version; any change to a profile,
its disciplines or its images bumps it, so the very next request computes afresh. Code that
changes profiles without signals (queryset.update, bulk_create) calls `bump_directory_version`.
"""

import hashlib
import secrets

from django.core.cache import cache

VERSION_KEY = "directory-version"
COUNTS_CACHE_SECONDS = 10 * 60


def directory_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = bump_directory_version()
    return version


def bump_directory_version() -> str:
    version = secrets.token_hex(8)
    cache.set(VERSION_KEY, version, None)
    return version


def counts_cache_key(state: str) -> str:
    digest = hashlib.sha256(state.encode()).hexdigest()[:32]
    return f"directory-counts:{directory_version()}:{digest}"
