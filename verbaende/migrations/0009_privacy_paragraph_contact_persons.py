"""The privacy policy of existing databases learns about the associations' contact persons
(new databases get the same text from seiten/reference.py). A migration keeps its own copy,
since the reference text may change."""

from django.db import migrations

SECTIONS = [
    (
        "## Ansprechpersonen der Verbände",
        "Auf den Seiten der Verbände nennen wir Ansprechpersonen mit Namen, Aufgabe und, wenn sie es möchten, einem Foto. Ihre E-Mail-Adressen erscheinen auf keiner Seite: Nachrichten über das Formular einer Ansprechperson leiten wir per E-Mail weiter, mit Ihrer Adresse als Antwortadresse, und löschen sie sieben Tage nach der Zustellung.",
    ),
]
SECTIONS_EN = [
    (
        "## The associations' contact persons",
        "The associations' pages name contact persons with their name, role and, if they wish, a photo. Their e-mail addresses appear on no page: we forward messages sent through a contact person's form by e-mail, with your address to reply to, and delete them seven days after delivery.",
    ),
]

RIGHTS = "## Ihre Rechte"
RIGHTS_EN = "## Your rights"


def _insert(text, sections, before):
    for heading, paragraph in sections:
        if heading in text:
            continue
        section = f"{heading}\n\n{paragraph}"
        if before in text:
            text = text.replace(before, f"{section}\n\n{before}", 1)
        else:
            text = f"{text.rstrip()}\n\n{section}"
    return text


def add_paragraphs(apps, schema_editor):
    page = apps.get_model("seiten", "Page").objects.filter(slug="datenschutz").first()
    if page is None:
        return
    page.body = _insert(page.body, SECTIONS, RIGHTS)
    if page.body_en:
        page.body_en = _insert(page.body_en, SECTIONS_EN, RIGHTS_EN)
    page.save()


class Migration(migrations.Migration):
    dependencies = [
        ("verbaende", "0008_association_faces_content"),
        ("benachrichtigungen", "0002_privacy_paragraphs"),
        ("seiten", "0004_stored_markdown_html"),
    ]

    operations = [migrations.RunPython(add_paragraphs, migrations.RunPython.noop)]
