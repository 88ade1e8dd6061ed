"""Only what a profile shows publicly is ever exported: the walk over every field with its
own visibility, through the API, the CSV and the JSON-LD."""

import re

import pytest

from mitglieder.models import Profile, Visibility
from tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db

# Each per-field visibility and the fields it governs, with a value found nowhere else.
GOVERNED = {
    "phone_visibility": {"phone": "+49 371 5550199"},
    "address_visibility": {"street_address": "Geheimgasse 77", "postal_code": "09X77"},
}
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def visibility_fields():
    return sorted(
        field.name
        for field in Profile._meta.get_fields()
        if getattr(field, "choices", None) and list(field.choices) == list(Visibility.choices)
    )


def test_every_visibility_field_is_walked():
    assert visibility_fields() == sorted(GOVERNED), "Add the new field and its data to GOVERNED"


def exports(client, slug):
    """Every place a profile's data leaves through open data, as text."""
    return {
        "api-list": client.get("/api/v1/profiles/").content.decode(),
        "api-detail": client.get(f"/api/v1/profiles/{slug}/").content.decode(),
        "csv": b"".join(client.get("/daten/mitglieder.csv").streaming_content).decode(),
        "json-ld": b"".join(client.get("/daten/mitglieder.jsonld").streaming_content).decode(),
    }


@pytest.mark.parametrize("visibility_field", sorted(GOVERNED))
@pytest.mark.parametrize("visibility", [v for v, _label in Visibility.choices])
def test_a_value_appears_only_where_it_is_public(client, owner, visibility_field, visibility):
    values = GOVERNED[visibility_field]
    profile = ProfileFactory(
        name="Sichtbarkeitsprobe",
        contact_email="geheim@example.org",
        **values,
        **{visibility_field: visibility},
    )
    profile.owners.add(owner)
    # Every other governed field is public: only the walked field's own rule hides.
    others = {name: Visibility.PUBLIC for name in GOVERNED if name != visibility_field}
    Profile.objects.filter(pk=profile.pk).update(**others)

    for where, text in exports(client, profile.slug).items():
        assert "Sichtbarkeitsprobe" in text, where
        for value in values.values():
            if visibility == Visibility.PUBLIC:
                assert value in text, (where, value)
            else:
                assert value not in text, (where, visibility_field, visibility)


def test_no_export_contains_an_e_mail_address(client, owner, directory_members):
    profile = ProfileFactory(
        name="Postfachprobe",
        contact_email="kontakt@example.org",
        phone_visibility=Visibility.PUBLIC,
        address_visibility=Visibility.PUBLIC,
        phone="0371 123",
        street_address="Markt 1",
        postal_code="09111",
    )
    Profile.objects.filter(pk=profile.pk).update(confirmed_contact_email="kontakt@example.org")
    profile.owners.add(owner)

    for where, text in exports(client, profile.slug).items():
        assert "Postfachprobe" in text, where
        assert not EMAIL.findall(text), where
