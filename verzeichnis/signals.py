"""Keep the facet counters (verzeichnis.counters) in step with the profiles.

The counters follow the search index: `search_index_refreshed` is sent by the reindex that
every write changing what a profile is found by ends in (after its commit, or at once for
bulk writers and tests), so updating them there is the deferred work, not the receiver
doing a write's work itself. A deleted profile is never reindexed: it is subtracted after
the delete commits.
"""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from mitglieder.indexing import search_index_refreshed
from mitglieder.models import Profile
from verzeichnis.counters import sync_counts


@receiver(search_index_refreshed)
def count_reindexed_profiles(sender, profile_ids, **kwargs):
    sync_counts(profile_ids)


@receiver(post_delete, sender=Profile)
def uncount_deleted_profile(sender, instance, **kwargs):
    pk = instance.pk
    transaction.on_commit(lambda: sync_counts([pk]), robust=True)
