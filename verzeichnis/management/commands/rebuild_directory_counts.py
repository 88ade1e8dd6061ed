from django.core.management.base import BaseCommand

from verzeichnis.counters import rebuild_counts


class Command(BaseCommand):
    help = (
        "Count every listed profile afresh into the directory's facet counters: after writes "
        "that bypassed the reindex (raw SQL, a restored table), or to clear emptied cells."
    )

    def handle(self, *args, **options):
        rebuild_counts()
        self.stdout.write("Directory counters rebuilt.")
