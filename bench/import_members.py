"""Benchmark the member import: a 2 000-row list with broken rows, a mixed encoding,
formula injection and duplicates, imported through the admin as staff do it.

Seeds demo profiles until the database holds --profiles of them (bench/seed.py), writes a
member list (UTF-8 with byte-order mark, with some lines in Windows-1252 as when lists are
pasted together), and times through Django's test client: the upload (reading and
storing), the preview (checking every row, duplicates included), the import with
invitations (one transaction), and the same file once more (which must import nothing).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kreativ_bench \\
        uv run python bench/import_members.py --profiles 20000 --rows 2000

The imported profiles of earlier runs are removed first, so every run starts alike.
"""

import argparse
import codecs
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kreativ_sachsen.settings")
os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("SECURE_COOKIES", "0")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("PAGE_CACHE_SECONDS", "0")
# No mail leaves the machine: the invitations are queued for send_queued_mail anyway.
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")

import django  # noqa: E402

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from bench.seed import seed_profiles  # noqa: E402
from einlesen.checking import Outcome  # noqa: E402
from einlesen.models import ImportRecord, ImportRun  # noqa: E402
from konten.models import User  # noqa: E402
from mitglieder.models import Profile  # noqa: E402
from postausgang.models import OutgoingMail  # noqa: E402
from verbaende.models import Association, Municipality  # noqa: E402
from verbaende.roles import make_staff  # noqa: E402

HEADER = ["Name", "Art", "Ort", "PLZ", "E-Mail", "Website", "Disziplinen", "Kurzbeschreibung"]
FIRST = [
    "Anja",
    "Bernd",
    "Carla",
    "Dirk",
    "Elke",
    "Frank",
    "Greta",
    "Heiko",
    "Ines",
    "Jens",
    "Katrin",
    "Lars",
    "Mia",
    "Nils",
    "Ole",
]
LAST = [
    "Adler",
    "Böhme",
    "Claus",
    "Dietrich",
    "Eckert",
    "Förster",
    "Günther",
    "Haase",
    "Illing",
    "Jähnig",
    "Kühn",
    "Lorenz",
]
WORK = [
    "Atelier",
    "Studio",
    "Büro",
    "Werkstatt",
    "Agentur",
    "Verlag",
    "Kollektiv",
    "Labor",
    "Manufaktur",
]
TOPIC = [
    "Grafik",
    "Klang",
    "Licht",
    "Papier",
    "Holz",
    "Bild",
    "Raum",
    "Form",
    "Wort",
    "Spiel",
    "Ton",
    "Faden",
]
DISCIPLINES = ["Illustration", "Fotografie", "Kommunikationsdesign", "Games", "Tanz", "Theater"]


def member_list(rows: int, rng: random.Random) -> tuple[bytes, dict]:
    """The file and what it holds: kind of row -> count."""
    places = list(Municipality.objects.values_list("name", flat=True))
    existing = list(Profile.objects.values_list("name", "website")[:5000])
    kinds = {"good": 0, "broken": 0, "formula": 0, "duplicate": 0, "in_file": 0, "latin1": 0}
    lines, written = [], []
    for number in range(rows):
        roll = rng.random()
        words = (rng.choice(WORK), rng.choice(TOPIC), rng.choice(FIRST), rng.choice(LAST))
        name = " ".join(words) + f" {number}"
        row = [
            name,
            rng.choice(["Person", "Unternehmen", "Kollektiv", ""]),
            rng.choice(places),
            f"0{rng.randint(1000, 9999)}",
            f"kontakt{number}@studio{number}.example",
            f"https://studio{number}.example/" if rng.random() < 0.6 else "",
            ", ".join(rng.sample(DISCIPLINES, rng.randint(0, 3))),
            "Gestaltung aus Sachsen.",
        ]
        if roll < 0.05:
            kinds["broken"] += 1
            broken = rng.randrange(4)
            if broken == 0:
                row[2] = "Atlantis"
            elif broken == 1:
                row[4] = "keine-adresse"
            elif broken == 2:
                row[0] = "Steuer\x07zeichen"
            else:
                row[0] = "N" * 200
        elif roll < 0.08:
            kinds["formula"] += 1
            row[0] = f'=HYPERLINK("https://evil.example/{number}";"Klick {number}")'
            row[7] = "@SUM(1+1)"
        elif roll < 0.13 and existing:
            kinds["duplicate"] += 1
            # An existing member under the same name (and website, where it has one).
            row[0], row[5] = rng.choice(existing)
        elif roll < 0.16 and written:
            kinds["in_file"] += 1
            row = list(rng.choice(written))
        else:
            kinds["good"] += 1
        written.append(row)
        cells = [_quoted(cell) for cell in row]
        line = ";".join(cells)
        if rng.random() < 0.05:
            kinds["latin1"] += 1
            lines.append(line.encode("cp1252", errors="replace"))
        else:
            lines.append(line.encode("utf-8"))
    data = codecs.BOM_UTF8 + b"\r\n".join([";".join(HEADER).encode(), *lines]) + b"\r\n"
    return data, kinds


def _quoted(cell: str) -> str:
    if any(c in cell for c in ';"\n'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def clean_up(association) -> None:
    ids = list(
        ImportRecord.objects.filter(association=association).values_list("profile_id", flat=True)
    )
    Profile.objects.filter(pk__in=ids).delete()
    ImportRun.objects.filter(association=association).delete()
    OutgoingMail.objects.filter(kind="konten/invitation").delete()


def timed(label, action):
    started = time.perf_counter()
    response = action()
    seconds = time.perf_counter() - started
    print(f"  {label:<38} {seconds:7.2f} s   (HTTP {response.status_code})")
    return response, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=20_000)
    parser.add_argument("--rows", type=int, default=2_000)
    arguments = parser.parse_args()

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    missing = arguments.profiles - Profile.objects.count()
    if missing > 0:
        seed_profiles(missing, seed=Profile.objects.count() + 1)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")

    association = Association.objects.get(slug="chemnitz")
    clean_up(association)
    staff = User.objects.filter(email="bench-import@example.org").first()
    if staff is None:
        staff = User.objects.create_user(email="bench-import@example.org", password=None)
    make_staff(staff, association)
    client = Client()
    client.force_login(staff)

    data, kinds = member_list(arguments.rows, random.Random(16))
    print(
        f"\n{connection.vendor}, {Profile.objects.count()} profiles; a list of "
        f"{arguments.rows} rows, {len(data) / 1024:.0f} kB: "
        + ", ".join(f"{count} {kind}" for kind, count in kinds.items())
    )

    def upload():
        return client.post(
            "/admin/einlesen/importrun/add/",
            {"file": SimpleUploadedFile("mitglieder.csv", data, content_type="text/csv")},
        )

    _response, read_seconds = timed("upload (read, store)", upload)
    run = ImportRun.objects.latest("pk")
    url = f"/admin/einlesen/importrun/{run.pk}/change/"
    _, preview_seconds = timed("preview (check every row)", lambda: client.get(url))
    _, import_seconds = timed(
        "import + invitations (one transaction)",
        lambda: client.post(url, {"send_invitations": "on"}),
    )
    run.refresh_from_db()
    outcomes = {}
    for row in run.report["rows"]:
        outcomes[row["outcome"]] = outcomes.get(row["outcome"], 0) + 1
    total = read_seconds + preview_seconds + import_seconds
    print(f"  {'total':<38} {total:7.2f} s")
    print(
        "  report: "
        + ", ".join(f"{count} {outcome}" for outcome, count in sorted(outcomes.items()))
        + f"; {run.report['invited']} invitations queued"
    )

    created = Profile.objects.count()
    timed("the same file again: upload", upload)
    again = ImportRun.objects.latest("pk")
    again_url = f"/admin/einlesen/importrun/{again.pk}/change/"
    timed("the same file again: preview", lambda: client.get(again_url))
    timed("the same file again: import", lambda: client.post(again_url, {"send_invitations": "on"}))
    again.refresh_from_db()
    print(
        f"  second import: {again.report['imported']} imported, "
        f"{Profile.objects.count() - created} profiles added "
        f"({sum(r['outcome'] == Outcome.ALREADY_IMPORTED for r in again.report['rows'])} rows "
        "already imported)"
    )
    if total > 60:
        raise SystemExit(f"Too slow: {total:.1f} s for {arguments.rows} rows (limit 60 s).")


if __name__ == "__main__":
    main()
