"""Rebuild every profile's search columns, e.g. after the search tokens changed (deploy)."""

from django.core.management.base import BaseCommand

from mitglieder.indexing import refresh_search_index
from mitglieder.models import Profile

BATCH = 2_000


class Command(BaseCommand):
    help = "Recompute the search index of all profiles."

    def handle(self, *args, **options):
        ids = list(Profile.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH):
            refresh_search_index(ids[start : start + BATCH])
        self.stdout.write(f"Reindexed {len(ids)} profiles.")
