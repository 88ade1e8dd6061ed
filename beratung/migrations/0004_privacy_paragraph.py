from django.db import migrations

# The same paragraphs as in seiten/reference.py (for new databases); a migration keeps its
# own copy, since the reference text may change later.
HEADING = "## Beratungstermine"
SECTION = (
    "## Beratungstermine\n\n"
    "Wenn Sie einen Beratungstermin buchen, speichern wir Ihren Namen, Ihre E-Mail-Adresse, "
    "das gewählte Thema, Ihre Frage und den Zeitpunkt Ihrer Einwilligung. Die Angaben sehen "
    "nur Sie und die Mitarbeiterinnen und Mitarbeiter des Verbands, der die Beratung anbietet; "
    "Ihre Frage erscheint auf keiner öffentlichen Seite. Wir schicken Ihnen eine Bestätigung, "
    "eine Erinnerung und nach dem Termin die Bitte um eine Bewertung. Sechs Monate nach dem "
    "Termin löschen wir die Buchung automatisch; Bewertungen bleiben ohne Namen und "
    "E-Mail-Adresse für unsere Statistik erhalten. Über den Link in der Bestätigung können "
    "Sie den Termin jederzeit absagen."
)
HEADING_EN = "## Consultation appointments"
SECTION_EN = (
    "## Consultation appointments\n\n"
    "When you book a consultation, we store your name, your e-mail address, the topic you "
    "chose, your question and when you gave your consent. Only you and the staff of the "
    "association offering the consultation see these details; your question never appears on "
    "a public page. We send you a confirmation, a reminder and, after the appointment, a "
    "request for a rating. Six months after the appointment the booking is deleted "
    "automatically; ratings are kept without name or e-mail address for our statistics. You "
    "can cancel the appointment at any time through the link in the confirmation."
)
RIGHTS = "## Ihre Rechte"
RIGHTS_EN = "## Your rights"


def _insert(text, heading, section, before):
    if heading in text:
        return text
    if before in text:
        return text.replace(before, f"{section}\n\n{before}", 1)
    return f"{text.rstrip()}\n\n{section}"


def add_paragraph(apps, schema_editor):
    page_model = apps.get_model("seiten", "Page")
    page = page_model.objects.filter(slug="datenschutz").first()
    if page is None:
        return
    page.body = _insert(page.body, HEADING, SECTION, RIGHTS)
    if page.body_en:
        page.body_en = _insert(page.body_en, HEADING_EN, SECTION_EN, RIGHTS_EN)
    page.save()


class Migration(migrations.Migration):
    dependencies = [
        ("beratung", "0003_roles"),
        ("seiten", "0004_stored_markdown_html"),
    ]

    operations = [migrations.RunPython(add_paragraph, migrations.RunPython.noop)]
