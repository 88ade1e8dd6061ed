"""Directory facet counts, cached per filter state under the version of the profile data.

Every change to a profile, its disciplines or its images bumps `PROFILES_VERSION`
(mitglieder.signals), and the reindex after the commit bumps it again
(mitglieder.indexing), as does the update of the facet counters that follows it
(verzeichnis.counters), so the very next request counts afresh. Counting afresh sums a few
thousand counter cells, not the profiles, so the cache only saves the last milliseconds.
Code that changes profiles without signals (queryset.update, bulk_create) bumps it itself.
"""

import hashlib

from kern import versions
from mitglieder.models import PROFILES_VERSION

COUNTS_CACHE_SECONDS = 10 * 60
# Bumped by a rebuild of the counters: searches' counts, which are kept across profile
# changes and caught up with them (verzeichnis.directory), are counted afresh.
COUNTED_ROWS_VERSION = "directory-counted-rows"
# Sizes a search's plan is chosen by (Directory._search_index_pays_off): not versioned.
ESTIMATE_CACHE_SECONDS = 10 * 60


def counts_cache_key(state: str) -> str:
    digest = hashlib.sha256(state.encode()).hexdigest()[:32]
    return f"directory-counts:{versions.current(PROFILES_VERSION)}:{digest}"


def search_counts_cache_key(state: str) -> str:
    """A search's counts on PostgreSQL: (profiles version seen, latest CountedChange
    included, counts), kept across profile changes."""
    digest = hashlib.sha256(state.encode()).hexdigest()[:32]
    return f"directory-search-counts:{versions.current(COUNTED_ROWS_VERSION)}:{digest}"


def estimate_cache_key(name: str, state: str) -> str:
    digest = hashlib.sha256(state.encode()).hexdigest()[:32]
    return f"directory-estimate:{name}:{digest}"
