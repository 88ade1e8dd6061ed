"""The privacy policy names what the Raumbörse, the Kooperationsbörse, poster accounts and
e-mail alerts store, in new databases and, by a migration, in existing ones."""

import importlib
import re

import pytest

migration = importlib.import_module("benachrichtigungen.migrations.0002_privacy_paragraphs")

OLD_POLICY = "## Mitgliederprofile\n\nText.\n\n## Ihre Rechte\n\nAuskunft."


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "headings"),
    [
        ("/datenschutz/", ["Raumbörse, Kooperationsbörse und Konten", "E-Mail-Benachrichtigungen"]),
        ("/en/datenschutz/", ["Raumbörse, Kooperationsbörse and accounts", "E-mail alerts"]),
    ],
)
def test_the_policy_explains_spaces_calls_accounts_and_alerts_once(client, path, headings):
    page = client.get(path).content.decode()
    for heading in headings:
        assert len(re.findall(rf"<h2[^>]*>{re.escape(heading)}</h2>", page)) == 1, heading
    assert "Zählpixel" in page or "tracking pixels" in page


def test_the_migration_puts_the_sections_before_the_rights_and_only_once():
    updated = migration._insert(OLD_POLICY, migration.SECTIONS, migration.RIGHTS)
    spaces = updated.index("## Raumbörse, Kooperationsbörse und Konten")
    alerts = updated.index("## E-Mail-Benachrichtigungen")
    assert updated.index("## Mitgliederprofile") < spaces < alerts < updated.index("## Ihre Rechte")
    assert migration._insert(updated, migration.SECTIONS, migration.RIGHTS) == updated


def test_the_migration_appends_to_a_policy_without_a_rights_section():
    updated = migration._insert("## Eigener Text\n\nNur das.", migration.SECTIONS, migration.RIGHTS)
    assert updated.startswith("## Eigener Text")
    assert updated.rstrip().endswith(migration.SECTIONS[-1][1])
