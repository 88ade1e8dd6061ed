"""Backups of the database and the uploaded media, and their restore.

A backup is one folder:

- ``database.dump`` (PostgreSQL, ``pg_dump --format=custom``) or ``database.sqlite3`` (SQLite,
  made with SQLite's online backup API),
- ``media.tar.gz`` with every file below MEDIA_ROOT, under paths relative to it,
- ``manifest.json``, written last: what a restore must reproduce (row count per table, size and
  SHA-256 of every media file) and checksums of the two files above.

A folder without a manifest is incomplete and is never restored.
"""

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import zlib
from contextlib import closing
from pathlib import Path, PurePosixPath

from django.db import connection, transaction

FORMAT = "kreativ-sachsen-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar.gz"
POSTGRESQL = "django.db.backends.postgresql"
SQLITE = "django.db.backends.sqlite3"
DATABASE_FILES = {POSTGRESQL: "database.dump", SQLITE: "database.sqlite3"}
CHUNK = 1024 * 1024
# SQLite's own bookkeeping tables (sqlite_sequence, sqlite_stat1) are no data of the site.
SQLITE_TABLES = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is one line for the operator."""


# Tables and row counts


def count_rows(cursor, tables, quote_name) -> dict[str, int]:
    counts = {}
    for table in tables:
        # Table names come from the database itself, quoted by the backend.
        cursor.execute(f"SELECT COUNT(*) FROM {quote_name(table)}")  # noqa: S608
        counts[table] = cursor.fetchone()[0]
    return counts


def current_row_counts() -> dict[str, int]:
    """Row counts of every table of the configured database: those of all installed models,
    auto-created many-to-many and history tables included, plus Django's migration record."""
    with connection.cursor() as cursor:
        tables = sorted(
            table
            for table in connection.introspection.table_names(cursor)
            if not table.startswith("sqlite_")
        )
        return count_rows(cursor, tables, connection.ops.quote_name)


# Files


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def file_entry(path: Path) -> dict:
    return {"file": path.name, "size": path.stat().st_size, "sha256": sha256_of(path)}


# PostgreSQL tools


def _pg_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} not found on PATH; install the PostgreSQL client tools "
            "(same major version as the server or newer)."
        )
    return path


def _pg_environment() -> dict[str, str]:
    """Connection parameters for pg_dump/pg_restore as environment variables, so that no
    password ever appears in a command line that `ps` shows to other users."""
    settings = connection.settings_dict
    options = settings.get("OPTIONS", {})
    env = dict(os.environ)
    values = {
        "PGHOST": settings.get("HOST"),
        "PGPORT": settings.get("PORT"),
        "PGUSER": settings.get("USER"),
        "PGPASSWORD": settings.get("PASSWORD"),
        "PGDATABASE": settings.get("NAME"),
        "PGSSLMODE": options.get("sslmode"),
        "PGSSLROOTCERT": options.get("sslrootcert"),
        "PGSSLCERT": options.get("sslcert"),
        "PGSSLKEY": options.get("sslkey"),
        "PGPASSFILE": options.get("passfile"),
        "PGSERVICE": options.get("service"),
    }
    env.update({key: str(value) for key, value in values.items() if value})
    return env


def _run_pg_tool(arguments: list[str]) -> None:
    # Fixed tool path from shutil.which and fixed options; the connection goes in the environment.
    result = subprocess.run(  # noqa: S603
        arguments, env=_pg_environment(), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        tool = Path(arguments[0]).name
        lines = [line.strip() for line in result.stderr.splitlines() if line.strip()]
        detail = "; ".join(lines[-3:]) or "no message"
        raise BackupError(f"{tool} failed (exit code {result.returncode}): {detail}")


# Database


def database_engine() -> str:
    engine = connection.settings_dict["ENGINE"]
    if engine not in DATABASE_FILES:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {engine}.")
    return engine


def dump_database(folder: Path) -> tuple[Path, dict[str, int]]:
    """Write the database into folder; return the file and the row counts it holds."""
    engine = database_engine()
    target = folder / DATABASE_FILES[engine]
    if engine == POSTGRESQL:
        return target, _dump_postgresql(target)
    return target, _dump_sqlite(target)


def _dump_postgresql(target: Path) -> dict[str, int]:
    pg_dump = _pg_tool("pg_dump")
    if connection.in_atomic_block:
        raise BackupError("A backup cannot run inside a database transaction.")
    # pg_dump and the row counts share one exported snapshot, so the manifest describes
    # exactly the dump even while the site keeps writing.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        _run_pg_tool(
            [
                pg_dump,
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                f"--file={target}",
            ]
        )
        return current_row_counts()


def _dump_sqlite(target: Path) -> dict[str, int]:
    # The backup API copies a consistent state even while the site writes; it also works
    # for the in-memory database of the tests, which no other process can open.
    connection.ensure_connection()
    try:
        with closing(sqlite3.connect(target)) as copy:
            connection.connection.backup(copy)
            # One self-contained file, without a write-ahead log beside it.
            copy.execute("PRAGMA journal_mode=DELETE")
            tables = [row[0] for row in copy.execute(SQLITE_TABLES)]
            return count_rows(copy.cursor(), sorted(tables), connection.ops.quote_name)
    except sqlite3.Error as error:
        raise BackupError(f"Could not copy the SQLite database: {error}") from None


def restore_database(folder: Path, manifest: dict) -> None:
    """Replace the contents of the configured database with the backup's."""
    engine = database_engine()
    source = folder / manifest["database"]["file"]
    if engine == POSTGRESQL:
        pg_restore = _pg_tool("pg_restore")
        connection.close()
        _run_pg_tool(
            [
                pg_restore,
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                f"--dbname={connection.settings_dict['NAME']}",
                str(source),
            ]
        )
        return
    if connection.is_in_memory_db():
        raise BackupError("An in-memory SQLite database cannot be a restore target.")
    # Django's connection must not hold the file while it is replaced. The backup API
    # writes through SQLite's locks in one transaction, so other processes never see a
    # half-restored file, and a write-ahead log beside the file stays consistent.
    connection.close()
    try:
        with (
            closing(sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)) as backup,
            closing(sqlite3.connect(connection.settings_dict["NAME"], timeout=30)) as target,
        ):
            backup.backup(target)
    except sqlite3.Error as error:
        raise BackupError(f"Could not restore the SQLite database: {error}") from None


# Media


class _HashingReader:
    """Hands a file to tarfile and hashes exactly the bytes that go into the archive."""

    def __init__(self, stream):
        self.stream = stream
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        data = self.stream.read(size)
        self.digest.update(data)
        return data


def archive_media(media_root: Path, target: Path) -> dict[str, dict]:
    """Pack every regular file below media_root; return path → {size, sha256} of what was packed."""
    files = {}
    with tarfile.open(target, "w:gz") as archive:
        if not media_root.is_dir():
            return files
        for path in sorted(media_root.rglob("*")):
            if not path.is_file() or path.is_symlink():
                continue
            relative = path.relative_to(media_root).as_posix()
            with path.open("rb") as stream:
                info = archive.gettarinfo(arcname=relative, fileobj=stream)
                info.uid = info.gid = 0
                info.uname = info.gname = ""
                reader = _HashingReader(stream)
                archive.addfile(info, reader)
            files[relative] = {"size": info.size, "sha256": reader.digest.hexdigest()}
    return files


def _unsafe_reason(member: tarfile.TarInfo) -> str | None:
    path = PurePosixPath(member.name)
    if path.is_absolute():
        return "has an absolute path"
    if ".." in path.parts:
        return "leaves the media folder (..)"
    if member.issym() or member.islnk():
        return "is a link"
    if not (member.isfile() or member.isdir()):
        return "is no regular file"
    return None


def check_media_archive(archive_path: Path, manifest_files: dict[str, dict]) -> None:
    """Refuse an archive with dangerous members or other files than the manifest lists."""
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            members = archive.getmembers()
    except (tarfile.TarError, OSError, EOFError, zlib.error) as error:
        raise BackupError(f"{archive_path.name} is damaged: {error}") from None
    packed = {}
    for member in members:
        if reason := _unsafe_reason(member):
            raise BackupError(f"{archive_path.name}: refused member {member.name!r}, it {reason}.")
        if member.isfile():
            packed[PurePosixPath(member.name).as_posix()] = member.size
    listed = {path: entry["size"] for path, entry in manifest_files.items()}
    if packed != listed:
        differing = sorted(set(packed.items()) ^ set(listed.items()))
        raise BackupError(
            f"{archive_path.name} and {MANIFEST} list different files "
            f"(first difference: {differing[0][0]!r})."
        )


def extract_media(archive_path: Path, media_root: Path) -> None:
    """Unpack the archive into media_root, overwriting files of the same name."""
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive_path, "r:gz") as archive:
        members = archive.getmembers()
        for member in members:
            if reason := _unsafe_reason(member):
                raise BackupError(f"Refused archive member {member.name!r}: it {reason}.")
        # The "data" filter is a second line of defence, e.g. against symlinks already in
        # media_root that point elsewhere.
        try:
            archive.extractall(media_root, members=members, filter="data")
        except tarfile.FilterError as error:
            raise BackupError(f"Refused archive member: {error}") from None
        except (tarfile.TarError, EOFError, zlib.error) as error:
            raise BackupError(f"{archive_path.name} is damaged: {error}") from None


# Manifest


def build_manifest(database_file: Path, counts: dict, archive: Path, files: dict) -> dict:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "engine": database_engine(),
        "database": file_entry(database_file),
        "tables": counts,
        "media": {**file_entry(archive), "files": files},
    }


def read_manifest(folder: Path) -> dict:
    path = folder / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BackupError(f"{path} is missing; the backup is incomplete or no backup.") from None
    except (ValueError, OSError) as error:
        raise BackupError(f"{path} is not readable JSON: {error}") from None
    try:
        valid = (
            manifest["format"] == FORMAT
            and manifest["format_version"] == FORMAT_VERSION
            and manifest["engine"] in DATABASE_FILES
            and manifest["database"]["file"] == DATABASE_FILES[manifest["engine"]]
            and isinstance(manifest["database"]["sha256"], str)
            and all(isinstance(count, int) for count in manifest["tables"].values())
            and manifest["media"]["file"] == MEDIA_ARCHIVE
            and isinstance(manifest["media"]["sha256"], str)
            and all(
                isinstance(entry["size"], int) and isinstance(entry["sha256"], str)
                for entry in manifest["media"]["files"].values()
            )
        )
    except (KeyError, TypeError, AttributeError):
        valid = False
    if not valid:
        raise BackupError(f"{path} is incomplete or of an unknown format (expected {FORMAT} v1).")
    return manifest


def check_backup_files(folder: Path, manifest: dict) -> None:
    """The dump and the media archive must be exactly the files the manifest describes."""
    for entry in (manifest["database"], manifest["media"]):
        path = folder / entry["file"]
        if not path.is_file():
            raise BackupError(f"{path} is missing.")
        if sha256_of(path) != entry["sha256"]:
            raise BackupError(f"{path} does not match its checksum in {MANIFEST}; it was changed.")
    check_media_archive(folder / MEDIA_ARCHIVE, manifest["media"]["files"])


def verify_against_manifest(manifest: dict, media_root: Path) -> tuple[list[str], list[str]]:
    """Compare the configured database and media_root with the manifest.

    Returns (report lines, differences); no differences means the restore is complete.
    """
    lines, differences = [], []
    actual = current_row_counts()
    expected = manifest["tables"]
    lines.append(f"{'table':<48} {'backup':>8} {'restored':>9}")
    # A table the manifest does not list must be empty, so a manifest with a line
    # removed cannot hide rows.
    for table in sorted(set(expected) | {t for t, n in actual.items() if n}):
        want, have = expected.get(table), actual.get(table)
        ok = want == have
        mark = "" if ok else "  DIFFERENT"
        lines.append(f"{table:<48} {_show(want):>8} {_show(have):>9}{mark}")
        if not ok:
            differences.append(f"table {table}: backup {_show(want)}, restored {_show(have)}")
    files = manifest["media"]["files"]
    equal = 0
    for relative, entry in sorted(files.items()):
        path = media_root / relative
        if not path.is_file():
            differences.append(f"media file {relative} is missing")
        elif path.stat().st_size != entry["size"] or sha256_of(path) != entry["sha256"]:
            differences.append(f"media file {relative} differs")
        else:
            equal += 1
    lines.append(f"media files: {equal} of {len(files)} equal (size and SHA-256)")
    return lines, differences


def _show(count):
    return "-" if count is None else str(count)


# Whole operations, used by the management commands


def default_backup_folder(base: Path) -> Path:
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    return base / "backups" / stamp


def create_backup(folder: Path, media_root: Path) -> dict:
    """Write a complete backup into the new folder, or leave nothing behind."""
    if folder.exists():
        raise BackupError(f"{folder} already exists; a backup never overwrites another.")
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        # Private: the backup holds password hashes and personal data.
        folder.mkdir(mode=0o700)
    except OSError as error:
        raise BackupError(f"Cannot create {folder}: {error.strerror or error}") from None
    try:
        database_file, counts = dump_database(folder)
        archive = folder / MEDIA_ARCHIVE
        files = archive_media(media_root, archive)
        manifest = build_manifest(database_file, counts, archive, files)
        (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return manifest


def non_empty_tables() -> dict[str, int]:
    return {table: count for table, count in current_row_counts().items() if count}
