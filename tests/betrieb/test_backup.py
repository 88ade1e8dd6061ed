"""Backup and restore, end to end: a backup of the test database and a temporary MEDIA_ROOT is
restored by `manage.py restore` in a separate process into a different database and media folder.

On PostgreSQL the restore target is a scratch database beside the test database; on SQLite a
temporary file.
"""

import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.db import connection

from betrieb import backup
from mitglieder.models import Profile
from tests.factories import ProfileFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

BASE_DIR = Path(django_settings.BASE_DIR)
ON_POSTGRESQL = connection.vendor == "postgresql"

MEDIA = {
    "profiles/logos/atelier-olga.png": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40,
    "profiles/photos/Werkstatt Görlitz.jpg": b"\xff\xd8\xff\xe0" + b"JFIF" * 5000,
    "reports/urkunde.pdf": b"%PDF-1.7\n" + "Sächsischer Staatspreis\n".encode() * 100,
    "empty.txt": b"",
}


# Helpers


def row_counts(cursor, tables):
    counts = {}
    for table in sorted(tables):
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 -- names from the database
        counts[table] = cursor.fetchone()[0]
    return counts


def source_row_counts():
    with connection.cursor() as cursor:
        return row_counts(cursor, connection.introspection.table_names(cursor))


def files_in(root: Path):
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in root.rglob("*")
        if path.is_file()
    }


def model_tables():
    return {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


def rewrite_manifest(folder: Path, change):
    path = folder / backup.MANIFEST
    manifest = json.loads(path.read_text())
    change(manifest)
    path.write_text(json.dumps(manifest, indent=2))


def replace_media_archive(folder: Path, build):
    """Swap in another media.tar.gz and update its checksum, so only its content can fail."""
    archive = folder / backup.MEDIA_ARCHIVE
    with tarfile.open(archive, "w:gz") as tar:
        build(tar)
    rewrite_manifest(folder, lambda m: m["media"].update(sha256=backup.sha256_of(archive)))


def add_file(tar, name, content=b"x", **attributes):
    info = tarfile.TarInfo(name)
    info.size = len(content)
    for key, value in attributes.items():
        setattr(info, key, value)
    tar.addfile(info, io.BytesIO(content))


# Fixtures


@dataclass
class RestoreTarget:
    url: str
    media_root: Path
    count_rows: object

    def restore(self, folder, *options):
        """Run `manage.py restore` as the operator would: another process, production settings."""
        env = {key: value for key, value in os.environ.items() if key != "DEBUG"}
        assert env.get("SECRET_KEY"), "pytest-env provides the key production settings need"
        env.update(DATABASE_URL=self.url, MEDIA_ROOT=str(self.media_root))
        return subprocess.run(  # noqa: S603 -- this interpreter and our own manage.py
            [sys.executable, str(BASE_DIR / "manage.py"), "restore", str(folder), *options],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )


@pytest.fixture
def restore_target(tmp_path):
    media_root = tmp_path / "restored-media"
    if not ON_POSTGRESQL:
        database = tmp_path / "restored.sqlite3"

        def count_sqlite_rows():
            if not database.exists():
                return {}
            with closing(sqlite3.connect(database)) as db:
                names = db.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite%'"
                ).fetchall()
                return row_counts(db.cursor(), [name for (name,) in names])

        yield RestoreTarget(f"sqlite:///{database}", media_root, count_sqlite_rows)
        return

    import psycopg
    from psycopg import sql

    source = connection.settings_dict
    name = f"{source['NAME']}_restore"
    params = {
        key: value
        for key, value in {
            "host": source["HOST"],
            "port": source["PORT"],
            "user": source["USER"],
            "password": source["PASSWORD"],
        }.items()
        if value
    }

    def maintenance(statement):
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as db:
            db.execute(statement)

    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    maintenance(drop)
    maintenance(sql.SQL("CREATE DATABASE {} TEMPLATE template0").format(sql.Identifier(name)))

    def count_postgresql_rows():
        with psycopg.connect(dbname=name, **params) as db, db.cursor() as cursor:
            cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            return row_counts(cursor, [table for (table,) in cursor.fetchall()])

    credentials = quote(source["USER"] or "", safe="")
    if source["PASSWORD"]:
        credentials += ":" + quote(source["PASSWORD"], safe="")
    url = f"postgres://{credentials}@{source['HOST']}:{source['PORT'] or 5432}/{name}"
    try:
        yield RestoreTarget(url, media_root, count_postgresql_rows)
    finally:
        maintenance(drop)


@pytest.fixture
def media_root(settings, tmp_path):
    root = tmp_path / "media"
    for relative, content in MEDIA.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture
def site_data(reference_data, media_root):
    """A few published profiles with owners; saving them also writes history rows."""
    olga = UserFactory(email="olga@example.org", full_name="Olga Owner")
    profiles = [ProfileFactory() for _ in range(3)]
    profiles[0].owners.add(olga)
    profiles[1].tagline = "Neu: Ausstellungsgestaltung."
    profiles[1].save()
    return profiles


@pytest.fixture
def backup_folder(site_data, tmp_path):
    folder = tmp_path / "backup"
    call_command("backup", output=str(folder), stdout=io.StringIO())
    return folder


# The round trip


def test_a_restored_backup_has_the_same_rows_and_files(site_data, media_root, restore_target):
    folder = media_root.parent / "backups" / "nightly"
    out = io.StringIO()

    call_command("backup", output=str(folder), stdout=out)

    assert f"Backup written to {folder}" in out.getvalue()
    assert sorted(path.name for path in folder.iterdir()) == [
        backup.DATABASE_FILES[connection.settings_dict["ENGINE"]],
        "manifest.json",
        "media.tar.gz",
    ]
    source_counts = source_row_counts()
    source_files = files_in(media_root)

    result = restore_target.restore(folder, "--yes")

    assert result.returncode == 0, result.stderr
    assert "row counts and media files equal the backup" in result.stdout
    assert restore_target.count_rows() == source_counts
    assert files_in(restore_target.media_root) == source_files
    assert len(source_files) == len(MEDIA)


def test_the_manifest_counts_every_model_table_and_lists_every_media_file(backup_folder):
    manifest = json.loads((backup_folder / backup.MANIFEST).read_text())

    assert manifest["format_version"] == backup.FORMAT_VERSION
    assert manifest["engine"] == connection.settings_dict["ENGINE"]
    assert manifest["created_at"].endswith("+00:00")
    assert model_tables() <= set(manifest["tables"])
    owners = Profile.owners.through._meta.db_table
    disciplines = Profile.disciplines.through._meta.db_table
    history = Profile.history.model._meta.db_table
    assert manifest["tables"][Profile._meta.db_table] == 3
    assert manifest["tables"][owners] == 1
    assert manifest["tables"][disciplines] == 3
    assert manifest["tables"][history] == Profile.history.count() > 3
    assert manifest["tables"] == source_row_counts()
    assert manifest["media"]["files"]["reports/urkunde.pdf"] == {
        "size": len(MEDIA["reports/urkunde.pdf"]),
        "sha256": hashlib.sha256(MEDIA["reports/urkunde.pdf"]).hexdigest(),
    }
    assert set(manifest["media"]["files"]) == set(MEDIA)


def test_an_empty_target_needs_no_yes(backup_folder, restore_target):
    result = restore_target.restore(backup_folder)

    assert result.returncode == 0, result.stderr


# Refusals of the restore


def _change_a_media_file(folder):
    with tarfile.open(folder / backup.MEDIA_ARCHIVE, "w:gz") as tar:
        for name, content in MEDIA.items():
            add_file(tar, name, content.replace(b"Staatspreis", b"Staatsprei$"))


def _delete_a_line_of_the_dump(folder):
    (dump,) = folder.glob("database.*")
    content = dump.read_bytes()
    first, second = content.index(b"\n"), content.index(b"\n", content.index(b"\n") + 1)
    dump.write_bytes(content[:first] + content[second:])


def _delete_a_line_of_the_manifest(folder):
    path = folder / backup.MANIFEST
    lines = path.read_text().splitlines(keepends=True)
    path.write_text("".join(line for line in lines if '"accounts_user": ' not in line))


def _change_a_checksum_in_the_manifest(folder):
    def change(manifest):
        manifest["media"]["files"]["reports/urkunde.pdf"]["sha256"] = "0" * 64

    rewrite_manifest(folder, change)


def _break_the_manifest(folder):
    path = folder / backup.MANIFEST
    path.write_text(path.read_text().replace('"format_version": 1,\n', ""))


@pytest.mark.parametrize(
    ("tamper", "message", "target_untouched"),
    [
        (_change_a_media_file, "media.tar.gz does not match its checksum", True),
        (_delete_a_line_of_the_dump, "does not match its checksum", True),
        (_break_the_manifest, "incomplete or of an unknown format", True),
        # These two pass the checksums; the verification after the restore finds them.
        (_delete_a_line_of_the_manifest, "table accounts_user: backup -, restored 1", False),
        (_change_a_checksum_in_the_manifest, "media file reports/urkunde.pdf differs", False),
    ],
)
def test_the_restore_refuses_a_tampered_backup(
    backup_folder, restore_target, tamper, message, target_untouched
):
    tamper(backup_folder)

    result = restore_target.restore(backup_folder, "--yes")

    assert result.returncode != 0
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, "one clear line"
    if target_untouched:
        assert not any(restore_target.count_rows().values())
        assert not restore_target.media_root.exists()


def test_the_restore_refuses_a_database_with_rows_without_yes(backup_folder):
    # The target here is the test database itself, which holds the profiles.
    with pytest.raises(CommandError, match=r"already holds rows in \d+ tables.*--yes"):
        call_command("restore", str(backup_folder), stdout=io.StringIO())

    assert Profile.objects.count() == 3


def test_the_restore_refuses_a_backup_of_the_other_database_engine(backup_folder):
    other = backup.SQLITE if ON_POSTGRESQL else backup.POSTGRESQL
    (backup_folder / backup.DATABASE_FILES[connection.settings_dict["ENGINE"]]).rename(
        backup_folder / backup.DATABASE_FILES[other]
    )

    def change(manifest):
        manifest["engine"] = other
        manifest["database"]["file"] = backup.DATABASE_FILES[other]

    rewrite_manifest(backup_folder, change)

    with pytest.raises(CommandError, match="restore into the same kind of database"):
        call_command("restore", str(backup_folder), "--yes", stdout=io.StringIO())


def test_the_restore_refuses_a_tar_member_outside_the_media_folder(
    backup_folder, restore_target, tmp_path
):
    replace_media_archive(backup_folder, lambda tar: add_file(tar, "../escaped.txt"))

    result = restore_target.restore(backup_folder, "--yes")

    assert result.returncode != 0
    assert "refused member '../escaped.txt'" in result.stderr
    assert not (tmp_path / "escaped.txt").exists()
    assert not any(restore_target.count_rows().values())


@pytest.mark.parametrize(
    ("member", "reason"),
    [
        ({"name": "../escaped.txt"}, "leaves the media folder"),
        ({"name": "profiles/../../escaped.txt"}, "leaves the media folder"),
        ({"name": "/etc/cron.d/absolute"}, "absolute path"),
        ({"name": "link", "type": tarfile.SYMTYPE, "linkname": "/etc/passwd"}, "is a link"),
        ({"name": "hard", "type": tarfile.LNKTYPE, "linkname": "empty.txt"}, "is a link"),
        ({"name": "device", "type": tarfile.CHRTYPE}, "no regular file"),
    ],
)
def test_unsafe_archive_members_are_refused_before_anything_is_written(tmp_path, member, reason):
    attributes = dict(member)
    name = attributes.pop("name")
    archive = tmp_path / "media.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        add_file(tar, "empty.txt", b"")
        add_file(tar, name, b"" if "type" in attributes else b"x", **attributes)
    target = tmp_path / "media"

    with pytest.raises(backup.BackupError, match=reason):
        backup.check_media_archive(archive, {"empty.txt": {"size": 0, "sha256": ""}})
    with pytest.raises(backup.BackupError, match=reason):
        backup.extract_media(archive, target)

    assert files_in(tmp_path) == {"media.tar.gz": backup.sha256_of(archive)}


# Refusals and failures of the backup


def test_the_backup_never_overwrites_an_existing_folder(site_data, tmp_path):
    folder = tmp_path / "existing"
    folder.mkdir()
    (folder / "manifest.json").write_text("{}")

    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", output=str(folder), stdout=io.StringIO())

    assert [path.name for path in folder.iterdir()] == ["manifest.json"]
    assert (folder / "manifest.json").read_text() == "{}"


def test_the_backup_refuses_an_unwritable_folder(site_data, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")

    with pytest.raises(CommandError, match="Cannot create"):
        call_command("backup", output=str(blocker / "backup"), stdout=io.StringIO())


def test_a_failed_backup_leaves_no_half_written_folder(site_data, tmp_path, monkeypatch):
    def fail(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup, "archive_media", fail)
    folder = tmp_path / "backup"

    with pytest.raises(CommandError, match=r"Backup failed: .*No space left on device"):
        call_command("backup", output=str(folder), stdout=io.StringIO())

    assert not folder.exists()


def test_the_default_folder_is_a_utc_timestamp_below_backups(tmp_path):
    folder = backup.default_backup_folder(tmp_path)

    assert folder.parent == tmp_path / "backups"
    assert len(folder.name) == len("20250101T120000Z")
    assert folder.name.endswith("Z")


@pytest.mark.skipif(not ON_POSTGRESQL, reason="pg_dump is only used for PostgreSQL")
def test_a_missing_pg_dump_is_reported(site_data, tmp_path, monkeypatch):
    monkeypatch.setattr(backup.shutil, "which", lambda name: None)
    folder = tmp_path / "backup"

    with pytest.raises(CommandError, match="pg_dump not found on PATH"):
        call_command("backup", output=str(folder), stdout=io.StringIO())

    assert not folder.exists()


@pytest.mark.skipif(not ON_POSTGRESQL, reason="pg_dump is only used for PostgreSQL")
def test_a_failing_pg_dump_is_reported_and_gets_the_password_only_by_environment(
    site_data, tmp_path, monkeypatch
):
    tools = tmp_path / "bin"
    tools.mkdir()
    fake = tools / "pg_dump"
    fake.write_text(
        "#!/bin/sh\n"
        f'echo "$@" > {tmp_path}/argv\n'
        f'echo "$PGPASSWORD $PGDATABASE" > {tmp_path}/env\n'
        'echo "pg_dump: error: simulated failure" >&2\n'
        "exit 1\n"
    )
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tools}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setitem(connection.settings_dict, "PASSWORD", "s3cret-password")
    folder = tmp_path / "backup"

    with pytest.raises(CommandError, match=r"pg_dump failed \(exit code 1\).*simulated failure"):
        call_command("backup", output=str(folder), stdout=io.StringIO())

    assert not folder.exists()
    assert "s3cret-password" not in (tmp_path / "argv").read_text()
    assert (tmp_path / "env").read_text().split() == [
        "s3cret-password",
        connection.settings_dict["NAME"],
    ]
