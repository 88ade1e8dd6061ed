"""The privacy policy of existing databases learns about the Raumbörse, the
Kooperationsbörse, poster accounts and e-mail alerts (new databases get the same text from
seiten/reference.py). A migration keeps its own copy, since the reference text may change."""

from django.db import migrations

SECTIONS = [
    (
        "## Raumbörse, Kooperationsbörse und Konten",
        "Wenn Sie in der Raumbörse eine Anzeige aufgeben, speichern wir ihre Angaben, ihre Fotos und das Konto, mit dem Sie sie aufgegeben haben. Öffentlich erscheinen Ort und Kreis, Straße und Hausnummer nur, wenn Sie es wählen. Ihre E-Mail-Adresse erscheint auf keiner Seite: Nachrichten an Sie leiten wir per E-Mail weiter, mit der Adresse der Absenderin oder des Absenders als Antwortadresse. Passen ein Angebot und ein Gesuch zusammen, teilen wir das beiden einmal per E-Mail mit. Anzeigen laufen nach 90 Tagen ab, Aufrufe der Kooperationsbörse mit ihrer Frist oder nach 90 Tagen. Wer kein Mitglied ist, kann sich für die Raumbörse registrieren; wir speichern Namen, Organisation, E-Mail-Adresse und das Passwort (nur als Hash) und löschen unbestätigte Registrierungen nach sieben Tagen. Der Datenexport Ihres Kontos enthält Ihre Anzeigen und Aufrufe; mit dem Konto löschen wir sie samt Fotos.",
    ),
    (
        "## E-Mail-Benachrichtigungen",
        "Wenn Sie Benachrichtigungen bestellen, speichern wir Ihre E-Mail-Adresse, die gewählten Themen und Filter, die Sprache und den Zeitpunkt Ihrer Bestätigung. Wir senden erst, wenn Sie den Link in unserer Bestätigungs-E-Mail geöffnet haben; unbestätigte Bestellungen löschen wir nach sieben Tagen. Unsere E-Mails enthalten keine Zählpixel und keine verfolgten Links. Jede E-Mail enthält einen Link, mit dem Sie mit einem Klick abbestellen, und einen Link, unter dem Sie alle Benachrichtigungen Ihrer Adresse verwalten oder löschen. Die Mitarbeiterinnen und Mitarbeiter der Verbände sehen die Adressen nicht.",
    ),
]
SECTIONS_EN = [
    (
        "## Raumbörse, Kooperationsbörse and accounts",
        "When you post a listing in the Raumbörse, we store its details, its photos and the account you posted it with. Place and district are public, street and number only if you choose so. Your e-mail address appears on no page: we forward messages to you by e-mail, with the sender's address to reply to. When an offer and a request fit, we tell both posters once by e-mail. Listings expire after 90 days, calls in the Kooperationsbörse at their deadline or after 90 days. People who are not members can register for the Raumbörse; we store name, organisation, e-mail address and the password (only as a hash), and delete unconfirmed registrations after seven days. Your account's data export contains your listings and calls; deleting the account deletes them with their photos.",
    ),
    (
        "## E-mail alerts",
        "When you subscribe to alerts, we store your e-mail address, the topics and filters you chose, the language and when you confirmed. We send nothing before you have opened the link in our confirmation mail; unconfirmed subscriptions are deleted after seven days. Our mails contain no tracking pixels and no tracked links. Every mail has a link to unsubscribe with one click and a link to manage or delete all alerts of your address. The associations' staff do not see the addresses.",
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
        ("benachrichtigungen", "0001_initial"),
        ("anmeldungen", "0003_privacy_paragraph"),
        ("seiten", "0004_stored_markdown_html"),
    ]

    operations = [migrations.RunPython(add_paragraphs, migrations.RunPython.noop)]
