from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from betrieb import backup


class Command(BaseCommand):
    help = (
        "Back up the database and MEDIA_ROOT into a new folder (database dump, media.tar.gz, "
        "manifest.json). Safe while the site runs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            help="New folder for the backup (default: backups/<UTC timestamp>/ in the project).",
        )

    def handle(self, *args, output, **options):
        folder = Path(output or backup.default_backup_folder(settings.BASE_DIR)).absolute()
        try:
            manifest = backup.create_backup(folder, Path(settings.MEDIA_ROOT))
        except (backup.BackupError, DatabaseError, OSError) as error:
            raise CommandError(f"Backup failed: {_one_line(error)}") from error
        database, media = manifest["database"], manifest["media"]
        self.stdout.write(self.style.SUCCESS(f"Backup written to {folder}"))
        self.stdout.write(
            f"  database: {database['file']}, {_size(database['size'])}, "
            f"{len(manifest['tables'])} tables, {sum(manifest['tables'].values())} rows"
        )
        self.stdout.write(
            f"  media:    {media['file']}, {_size(media['size'])}, {len(media['files'])} files"
        )


def _one_line(error):
    return " ".join(str(error).split())


def _size(size):
    for unit in ("B", "KB", "MB"):
        if size < 1024:
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GB"
