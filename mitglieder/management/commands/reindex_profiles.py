"""Rebuild every profile's search columns, e.g. after the search tokens changed (deploy).

`--if-stale` rebuilds only when some profile's columns are still in an older format (or
were never written), so bin/start-production and `make run` can call it on every start.
"""

from django.core.management.base import BaseCommand
from django.db.models import Q
from django.db.models.expressions import RawSQL

from mitglieder.indexing import refresh_search_index
from mitglieder.models import Profile
from mitglieder.search import FTS_TABLE, uses_postgres_search

BATCH = 2_000


def index_is_stale() -> bool:
    if uses_postgres_search():
        # The count vector came with the current format; older indexes lack it.
        stale = Q(search_count_vector__isnull=True)
    else:
        # Every profile has its row in the FTS5 table.
        stale = ~Q(pk__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE}", []))  # noqa: S611, S608
    return Profile.objects.filter(stale).exists()


class Command(BaseCommand):
    help = "Recompute the search index of all profiles."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-stale",
            action="store_true",
            help="Only if some profile's search columns are missing or in an older format.",
        )

    def handle(self, *args, if_stale=False, **options):
        if if_stale and not index_is_stale():
            self.stdout.write("Search index is current.")
            return
        ids = list(Profile.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH):
            refresh_search_index(ids[start : start + BATCH])
        self.stdout.write(f"Reindexed {len(ids)} profiles.")
