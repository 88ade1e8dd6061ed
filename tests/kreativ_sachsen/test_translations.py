import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import call_command

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = PROJECT_ROOT / "locale" / "de" / "LC_MESSAGES" / "django.po"
# Every app folder of the project (a new app joins without editing this test), the project
# package and the templates.
APP_FOLDERS = sorted(path.parent.name for path in PROJECT_ROOT.glob("*/apps.py"))
SOURCE_FOLDERS = [*APP_FOLDERS, "kreativ_sachsen", "templates"]


def test_every_german_entry_is_translated():
    catalogue = polib.pofile(str(CATALOGUE))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not untranslated, f"Missing German translations: {untranslated}"
    assert not fuzzy, f"Fuzzy German translations: {fuzzy}"


def test_every_marked_string_is_in_the_german_catalogue(tmp_path, settings, monkeypatch):
    """Extract the strings from a copy of the sources and compare with the committed catalogue,
    so a new string without a German translation fails here instead of in front of users."""
    for folder in SOURCE_FOLDERS:
        shutil.copytree(
            PROJECT_ROOT / folder,
            tmp_path / folder,
            ignore=shutil.ignore_patterns("__pycache__", "migrations"),
        )
    (tmp_path / "locale").mkdir()
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    monkeypatch.chdir(tmp_path)
    call_command("makemessages", locale=["de"], verbosity=0)

    extracted = polib.pofile(str(tmp_path / "locale" / "de" / "LC_MESSAGES" / "django.po"))
    committed = {entry.msgid for entry in polib.pofile(str(CATALOGUE))}
    missing = sorted({entry.msgid for entry in extracted} - committed)
    assert not missing, "Run `make messages` and translate: " + "; ".join(missing)


@pytest.mark.parametrize(
    ("path", "german", "english"),
    [
        ("/", "Zum Inhalt springen", "Skip to content"),
        ("/teilmaerkte/", "Teilmärkte", "submarkets"),
    ],
)
def test_pages_speak_german_first_and_english_under_en(
    client, reference_data, path, german, english
):
    assert german in client.get(path).content.decode()
    assert english in client.get(f"/en{path}").content.decode()
