"""Initial texts of the legal pages. They are marked provisional: each association must
complete them (addresses, board, register entry) in the admin before going live."""

PAGES = [
    {
        "slug": "impressum",
        "title": "Impressum",
        "title_en": "Legal notice",
        "body": (
            "## Angaben gemäß § 5 DDG\n\n"
            "Landesverband der Kultur- und Kreativwirtschaft Sachsen e.V.\n"
            "Anschrift: *wird vom Verband ergänzt*\n\n"
            "## Vertreten durch\n\n"
            "Den Vorstand: *Namen werden vom Verband ergänzt*\n\n"
            "## Registereintrag\n\n"
            "Vereinsregister, Registergericht und Registernummer: *werden vom Verband ergänzt*\n\n"
            "## Kontakt\n\n"
            "Die Kontaktadressen der Branchenverbände stehen auf ihren Verbandsseiten.\n\n"
            "## Verantwortlich für den Inhalt\n\n"
            "Für die Profile sind die jeweiligen Mitglieder verantwortlich. Die Branchenverbände "
            "prüfen neue Profile, bevor sie öffentlich erscheinen."
        ),
        "body_en": (
            "## Information pursuant to § 5 DDG\n\n"
            "Landesverband der Kultur- und Kreativwirtschaft Sachsen e.V.\n"
            "Address: *to be completed by the association*\n\n"
            "## Represented by\n\n"
            "The board: *names to be completed by the association*\n\n"
            "## Register entry\n\n"
            "Register of associations, court and number: *to be completed by the association*\n\n"
            "## Responsibility for content\n\n"
            "Members are responsible for their own profiles. The regional associations review new "
            "profiles before they are published."
        ),
    },
    {
        "slug": "datenschutz",
        "title": "Datenschutzerklärung",
        "title_en": "Privacy policy",
        "body": (
            "## Das Wichtigste in Kürze\n\n"
            "- Diese Website lädt keine Inhalte von fremden Servern: Schriften, Bilder und Skripte "
            "liegen auf unserem eigenen Server.\n"
            "- Wir setzen keine Analyse- oder Tracking-Werkzeuge ein.\n"
            "- Besucherinnen und Besucher ohne Anmeldung erhalten keine Cookies, außer ein "
            "Formular braucht eines zum Schutz vor Missbrauch (CSRF-Cookie).\n"
            "- E-Mail-Adressen von Mitgliedern erscheinen nie im Quelltext der Seiten.\n\n"
            "## Verantwortliche Stelle\n\n"
            "*Name und Anschrift werden vom Verband ergänzt.*\n\n"
            "## Server-Protokolle\n\n"
            "Beim Aufruf einer Seite verarbeitet der Server technisch notwendige Daten "
            "(IP-Adresse, Zeitpunkt, aufgerufene Adresse), um die Website sicher zu betreiben. "
            "*Speicherdauer wird vom Verband ergänzt.*\n\n"
            "## Mitgliederprofile\n\n"
            "Mitglieder entscheiden selbst, welche Angaben öffentlich sind. Sie können ihre Daten "
            "jederzeit ändern, exportieren und löschen.\n\n"
            "## Beratungstermine\n\nWenn Sie einen Beratungstermin buchen, speichern wir Ihren "
            "Namen, Ihre E-Mail-Adresse, das gewählte Thema, Ihre Frage und den Zeitpunkt "
            "Ihrer Einwilligung. Die Angaben sehen nur Sie und die Mitarbeiterinnen und "
            "Mitarbeiter des Verbands, der die Beratung anbietet; Ihre Frage erscheint auf "
            "keiner öffentlichen Seite. Wir schicken Ihnen eine Bestätigung, eine Erinnerung "
            "und nach dem Termin die Bitte um eine Bewertung. Sechs Monate nach dem Termin "
            "löschen wir die Buchung automatisch; Bewertungen bleiben ohne Namen und "
            "E-Mail-Adresse für unsere Statistik erhalten. Über den Link in der Bestätigung "
            "können Sie den Termin jederzeit absagen.\n\n"
            "## Anmeldungen zu Veranstaltungen\n\nWenn Sie sich zu einer Veranstaltung "
            "anmelden, speichern wir Ihren Namen, Ihre E-Mail-Adresse, Ihre Antworten auf die"
            " Fragen der Veranstaltenden (etwa zu Ernährung oder Barrierefreiheit) und den "
            "Zeitpunkt Ihrer Einwilligung. Die Angaben sehen nur Sie und die Mitarbeiterinnen"
            " und Mitarbeiter des veranstaltenden Verbands; Ihre Antworten erscheinen auf "
            "keiner öffentlichen Seite und in keiner E-Mail an andere. Wir schicken Ihnen "
            "eine Bestätigung, eine Erinnerung und nach der Veranstaltung die Bitte um eine "
            "Bewertung. Sechs Monate nach der Veranstaltung löschen wir die Anmeldung "
            "automatisch; Bewertungen bleiben ohne Namen und E-Mail-Adresse für unsere "
            "Statistik erhalten. Über den Link in der Bestätigung können Sie sich jederzeit "
            "abmelden.\n\n"
            "## Ihre Rechte\n\n"
            "Sie haben das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung der "
            "Verarbeitung, Datenübertragbarkeit und Widerspruch sowie das Recht, sich bei der "
            "Sächsischen Datenschutz- und Transparenzbeauftragten zu beschweren."
        ),
        "body_en": (
            "## In short\n\n"
            "- This website loads nothing from other servers: fonts, images and scripts are "
            "served by our own server.\n"
            "- We use no analytics or tracking tools.\n"
            "- Visitors who are not logged in get no cookies, unless a form needs one to protect "
            "against abuse (CSRF cookie).\n"
            "- Members' e-mail addresses never appear in the source of any page.\n\n"
            "## Controller\n\n"
            "*Name and address to be completed by the association.*\n\n"
            "## Consultation appointments\n\nWhen you book a consultation, we store your name, "
            "your e-mail address, the topic you chose, your question and when you gave your "
            "consent. Only you and the staff of the association offering the consultation "
            "see these details; your question never appears on a public page. We send you a "
            "confirmation, a reminder and, after the appointment, a request for a rating. "
            "Six months after the appointment the booking is deleted automatically; ratings "
            "are kept without name or e-mail address for our statistics. You can cancel the "
            "appointment at any time through the link in the confirmation.\n\n"
            "## Event registrations\n\nWhen you register for an event, we store your name, "
            "your e-mail address, your answers to the organisers' questions (about dietary or"
            " accessibility needs, say) and when you gave your consent. Only you and the "
            "staff of the organising association see these details; your answers never appear"
            " on a public page or in a mail to anyone else. We send you a confirmation, a "
            "reminder and, after the event, a request for a rating. Six months after the "
            "event the registration is deleted automatically; ratings are kept without name "
            "or e-mail address for our statistics. You can cancel at any time through the "
            "link in the confirmation.\n\n"
            "## Your rights\n\n"
            "You have the right of access, rectification, erasure, restriction of processing, "
            "data portability and objection, and the right to lodge a complaint with the Saxon "
            "data protection authority."
        ),
    },
    {
        "slug": "barrierefreiheit",
        "title": "Erklärung zur Barrierefreiheit",
        "title_en": "Accessibility statement",
        "body": (
            "Wir möchten, dass alle Menschen diese Website nutzen können, unabhängig von "
            "Einschränkungen und Hilfsmitteln.\n\n"
            "## Stand der Vereinbarkeit\n\n"
            "Die Website wird nach den Web Content Accessibility Guidelines (WCAG) 2.1, Stufe AA, "
            "entwickelt. Jede öffentliche Seite wird bei jeder Änderung automatisiert mit axe-core "
            "geprüft; alle Funktionen sind mit der Tastatur bedienbar und funktionieren ohne "
            "JavaScript.\n\n"
            "## Nicht barrierefreie Inhalte\n\n"
            "Bilder in Mitgliederprofilen beschreiben die Mitglieder selbst; fehlende oder "
            "ungenaue Beschreibungen melden Sie uns bitte.\n\n"
            "## Feedback und Kontakt\n\n"
            "*Kontaktweg wird vom Verband ergänzt.*\n\n"
            "Datum der Erklärung: *wird vom Verband ergänzt*"
        ),
        "body_en": (
            "We want everyone to be able to use this website, whatever their abilities and "
            "assistive technology.\n\n"
            "## Compliance status\n\n"
            "The website is developed to the Web Content Accessibility Guidelines (WCAG) 2.1, "
            "level AA. Every public page is checked automatically with axe-core on every change; "
            "all functions can be used with the keyboard and work without JavaScript.\n\n"
            "## Feedback and contact\n\n"
            "*Contact details to be completed by the association.*"
        ),
    },
]


def ensure_reference_data(page_model):
    for facts in PAGES:
        fields = {key: value for key, value in facts.items() if key != "slug"}
        page_model.objects.get_or_create(slug=facts["slug"], defaults=fields)
