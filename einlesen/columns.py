"""The columns a member list may have: fixed, documented names (the template and the
README list them), with the spellings lists commonly use for them."""

import re

from django.utils.translation import gettext_lazy as _

from kern.search import fold


def _header_key(text: str) -> str:
    return re.sub(r"\W|_", "", fold(text or ""))


class Column:
    def __init__(self, key, header, label, aliases=(), example=""):
        self.key = key
        self.header = header  # as in the template
        self.label = label
        self.aliases = {_header_key(a) for a in (header, *aliases)}
        self.example = example


COLUMNS = [
    Column(
        "name",
        "Name",
        _("Name (required)"),
        ["Firma", "Firmenname", "Mitglied", "Name des Mitglieds", "Organisation"],
        "Atelier Beispiel",
    ),
    Column(
        "kind",
        "Art",
        _("Person, Unternehmen or Kollektiv; empty: Person"),
        ["Typ", "Mitgliedsart", "Kind"],
        "Unternehmen",
    ),
    Column(
        "place",
        "Ort",
        _("Place in Saxony (required)"),
        ["Stadt", "Gemeinde", "Sitz", "Wohnort"],
        "Chemnitz",
    ),
    Column("postal_code", "PLZ", _("Postal code"), ["Postleitzahl"], "09111"),
    Column(
        "street_address",
        "Straße",
        _("Street and number"),
        ["Strasse", "Adresse", "Anschrift"],
        "Markt 1",
    ),
    Column(
        "email",
        "E-Mail",
        _("E-mail address: the invitation goes here"),
        ["Mail", "E-Mail-Adresse", "Email-Adresse", "Kontakt-E-Mail"],
        "post@atelier-beispiel.de",
    ),
    Column(
        "website",
        "Website",
        _("Website"),
        ["Webseite", "Homepage", "Internet", "URL"],
        "https://atelier-beispiel.de",
    ),
    Column("phone", "Telefon", _("Phone"), ["Tel", "Telefonnummer", "Phone"], "0371 123456"),
    Column(
        "disciplines",
        "Disziplinen",
        _("Disciplines, separated by semicolons or commas (at most five)"),
        ["Disziplin", "Sparte", "Sparten", "Bereich", "Bereiche"],
        "Kommunikationsdesign; Illustration",
    ),
    Column(
        "tagline",
        "Kurzbeschreibung",
        _("One sentence, at most 160 characters"),
        ["Kurztext", "Slogan", "Untertitel"],
        "Gestaltung für Kultur und Wirtschaft.",
    ),
    Column("description", "Beschreibung", _("Description"), ["Text", "Über uns", "Profiltext"], ""),
]
BY_KEY = {column.key: column for column in COLUMNS}


def map_headers(header):
    """({position: column key}, [headers not understood]) for the first row of a file;
    the first column of a kind wins, a repeated one is ignored."""
    aliases = {alias: column.key for column in COLUMNS for alias in column.aliases}
    columns, ignored = {}, []
    for position, text in enumerate(header):
        key = aliases.get(_header_key(text))
        if key and key not in columns.values():
            columns[position] = key
        elif text.strip():
            ignored.append(text.strip()[:80])
    return columns, ignored
