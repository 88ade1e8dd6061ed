from django.db import migrations

# The same paragraphs as in seiten/reference.py (for new databases); a migration keeps its
# own copy, since the reference text may change later.
HEADING = "## Anmeldungen zu Veranstaltungen"
SECTION = HEADING + "\n\n" + 'Wenn Sie sich zu einer Veranstaltung anmelden, speichern wir Ihren Namen, Ihre E-Mail-Adresse, Ihre Antworten auf die Fragen der Veranstaltenden (etwa zu Ernährung oder Barrierefreiheit) und den Zeitpunkt Ihrer Einwilligung. Die Angaben sehen nur Sie und die Mitarbeiterinnen und Mitarbeiter des veranstaltenden Verbands; Ihre Antworten erscheinen auf keiner öffentlichen Seite und in keiner E-Mail an andere. Wir schicken Ihnen eine Bestätigung, eine Erinnerung und nach der Veranstaltung die Bitte um eine Bewertung. Sechs Monate nach der Veranstaltung löschen wir die Anmeldung automatisch; Bewertungen bleiben ohne Namen und E-Mail-Adresse für unsere Statistik erhalten. Über den Link in der Bestätigung können Sie sich jederzeit abmelden.'
HEADING_EN = "## Event registrations"
SECTION_EN = HEADING_EN + "\n\n" + "When you register for an event, we store your name, your e-mail address, your answers to the organisers' questions (about dietary or accessibility needs, say) and when you gave your consent. Only you and the staff of the organising association see these details; your answers never appear on a public page or in a mail to anyone else. We send you a confirmation, a reminder and, after the event, a request for a rating. Six months after the event the registration is deleted automatically; ratings are kept without name or e-mail address for our statistics. You can cancel at any time through the link in the confirmation."
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
        ("anmeldungen", "0002_roles"),
        ("beratung", "0004_privacy_paragraph"),
        ("seiten", "0004_stored_markdown_html"),
    ]

    operations = [migrations.RunPython(add_paragraph, migrations.RunPython.noop)]
