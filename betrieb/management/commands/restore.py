from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection

from betrieb import backup


class Command(BaseCommand):
    help = (
        "Restore a backup folder into the database of DATABASE_URL and into MEDIA_ROOT "
        "(media files of the same name are overwritten), then verify row counts and media "
        "checksums against its manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="Backup folder with manifest.json.")
        parser.add_argument(
            "--yes",
            action="store_true",
            help="Replace the contents of a target database that already holds rows.",
        )

    def handle(self, *args, folder, yes, **options):
        media_root = Path(settings.MEDIA_ROOT)
        try:
            manifest = backup.read_manifest(folder)
            backup.check_backup_files(folder, manifest)
            self._check_target(manifest, yes)
            self.stdout.write(f"Restoring {folder} (made {manifest['created_at']}) ...")
            backup.restore_database(folder, manifest)
            backup.extract_media(folder / backup.MEDIA_ARCHIVE, media_root)
            lines, differences = backup.verify_against_manifest(manifest, media_root)
        except (backup.BackupError, DatabaseError, OSError) as error:
            raise CommandError(f"Restore failed: {' '.join(str(error).split())}") from error
        for line in lines:
            self.stdout.write(line)
        if differences:
            raise CommandError(
                f"Restore incomplete: {len(differences)} difference(s) from the manifest, "
                f"first: {differences[0]}."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored into {connection.settings_dict['NAME']} and {media_root}; "
                "row counts and media files equal the backup."
            )
        )

    def _check_target(self, manifest, yes):
        engine = backup.database_engine()
        if manifest["engine"] != engine:
            raise backup.BackupError(
                f"The backup was made from {manifest['engine']}, but DATABASE_URL points at "
                f"{engine}; restore into the same kind of database."
            )
        if yes:
            return
        filled = backup.non_empty_tables()
        if filled:
            examples = ", ".join(f"{table} ({count})" for table, count in list(filled.items())[:3])
            raise backup.BackupError(
                f"The target database already holds rows in {len(filled)} tables, e.g. "
                f"{examples}. A restore replaces them; run again with --yes if that is intended."
            )
