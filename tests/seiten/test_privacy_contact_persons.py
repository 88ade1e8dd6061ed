"""The privacy policy says what the associations' contact persons publish and what happens to
messages sent to them, in new databases and, by a migration, in existing ones."""

import importlib
import re

import pytest

migration = importlib.import_module("verbaende.migrations.0009_privacy_paragraph_contact_persons")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/datenschutz/", "Ansprechpersonen der Verbände"),
        ("/en/datenschutz/", "The associations' contact persons"),
    ],
)
def test_the_policy_explains_contact_persons_once(client, path, heading):
    page = client.get(path).content.decode()
    assert len(re.findall(rf"<h2[^>]*>{re.escape(heading)}</h2>", page)) == 1, heading


def test_the_migration_adds_the_section_before_the_rights_once():
    policy = "## Mitgliederprofile\n\nText.\n\n## Ihre Rechte\n\nAuskunft."
    updated = migration._insert(policy, migration.SECTIONS, migration.RIGHTS)
    assert updated.index("## Ansprechpersonen der Verbände") < updated.index("## Ihre Rechte")
    assert migration._insert(updated, migration.SECTIONS, migration.RIGHTS) == updated
