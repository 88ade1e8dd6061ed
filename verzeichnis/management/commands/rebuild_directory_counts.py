from django.core.management.base import BaseCommand
from django.db import connection

from verzeichnis.counters import rebuild_counts
from verzeichnis.models import CountedProfile, FacetCount


class Command(BaseCommand):
    help = (
        "Count every listed profile afresh into the directory's facet counters: after writes "
        "that bypassed the reindex (raw SQL, a restored table), to clear emptied cells, and "
        "to write the counted rows back in the order searches read them (after a large "
        "import, or monthly)."
    )

    def handle(self, *args, **options):
        rebuild_counts()
        if connection.vendor == "postgresql" and connection.get_autocommit():
            # The rebuild left every old row dead: free their pages for the changes to
            # come and mark the new ones visible (bitmap scans then skip per-row checks),
            # rather than wait for autovacuum. Then rebuild the indexes, which kept the old
            # rows' entries until now: the search vector's GIN index grew by half and an
            # eight-word search took twice as long in it. CONCURRENTLY blocks no reader
            # and no write.
            tables = [model._meta.db_table for model in (CountedProfile, FacetCount)]
            with connection.cursor() as cursor:
                cursor.execute(f"VACUUM ANALYZE {', '.join(tables)}")
                for table in tables:
                    cursor.execute(f"REINDEX TABLE CONCURRENTLY {table}")
        self.stdout.write("Directory counters rebuilt.")
