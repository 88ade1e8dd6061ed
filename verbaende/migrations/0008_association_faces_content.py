"""Portrait, office, fees and benefits of the four associations (issue 13), and the staff
groups' permissions for contact persons and social links.

The texts follow what the associations say of themselves (/work/shared/domain); no fees
are published there, so the fee texts say how to ask for them. Fields that staff filled
in already are left as they are.
"""

from django.db import migrations

from kern.markdown import render_markdown

BENEFITS_COMMON = (
    "- Ein eigenes Profil im Verzeichnis der Kultur- und Kreativwirtschaft Sachsen\n"
    "- Kostenfreie Beratung durch den Verband\n"
    "- Einladungen zu Netzwerktreffen, Veranstaltungen und Weiterbildungen\n"
    "- Eine gemeinsame Stimme gegenüber Politik und Verwaltung\n"
)

FACES = {
    "landesverband": {
        "portrait": (
            "Der Landesverband der Kultur- und Kreativwirtschaft Sachsen e.V. wurde am "
            "24. Juni 2015 gegründet. Er bündelt die Branchenverbände in Chemnitz, Dresden und "
            "Leipzig und vertritt die Kultur- und Kreativwirtschaft gegenüber dem Freistaat."
        ),
        "office_address": "Landesverband der Kultur- und Kreativwirtschaft Sachsen e.V.\nSachsen",
        "office_hours": "Termine nach Vereinbarung per E-Mail",
        "fees": (
            "Mitglied im Landesverband werden Sie über einen der drei Branchenverbände in "
            "Chemnitz, Dresden oder Leipzig. Die Beiträge nennt Ihnen Ihr Branchenverband "
            "auf Anfrage."
        ),
        "benefits": BENEFITS_COMMON
        + "- Sichtbarkeit über die Regionen hinaus, etwa bei Förderprogrammen des Freistaats\n",
    },
    "chemnitz": {
        "portrait": (
            "Kreatives Chemnitz wurde 2013 gegründet und macht das kreative Potential der "
            "Stadt sichtbar: vom kleinen Label bis zum Designpreis. Der Verband vernetzt die "
            "Kreativen der Region und vertritt ihre Interessen gegenüber Politik und Verwaltung."
        ),
        "office_address": "Kreatives Chemnitz\nChemnitz",
        "office_hours": "Termine nach Vereinbarung per E-Mail",
        "fees": "Die Mitgliedsbeiträge nennen wir Ihnen gern **auf Anfrage**.",
        "benefits": BENEFITS_COMMON
        + "- Neuigkeiten aus der Branche, die der Verband als Multiplikator weiterträgt\n",
    },
    "dresden": {
        "portrait": (
            "Wir gestalten Dresden wurde 2012 gegründet. Der Verband macht die Strukturen der "
            "Dresdner Kultur- und Kreativwirtschaft sichtbar, berät in Einzelgesprächen und "
            "Beratungssalons und setzt sich für bezahlbare Räume ein."
        ),
        "office_address": "Wir gestalten Dresden\nDresden",
        "office_hours": "Termine nach Vereinbarung per E-Mail",
        "fees": "Die Mitgliedsbeiträge nennen wir Ihnen gern **auf Anfrage**.",
        "benefits": BENEFITS_COMMON
        + "- Beratungssalons gemeinsam mit dem Kulturbüro Dresden\n"
        + "- Unterstützung bei der Suche nach bezahlbarem Raum\n",
    },
    "leipzig": {
        "portrait": (
            "Kreatives Leipzig e.V. wurde im Sommer 2010 von Selbständigen und Unternehmen der "
            "Leipziger Kreativwirtschaft gegründet. Der Verein arbeitet ehrenamtlich und "
            "unabhängig und gibt der Kreativwirtschaft der Stadtregion eine gemeinsame Stimme."
        ),
        "office_address": "Kreatives Leipzig e.V.\nLeipzig",
        "office_hours": "Termine nach Vereinbarung per E-Mail",
        "fees": "Die Mitgliedsbeiträge nennen wir Ihnen gern **auf Anfrage**.",
        "benefits": BENEFITS_COMMON
        + "- Austausch und Kooperationen mit anderen Leipziger Kreativen\n",
    },
}


def fill_faces(apps, schema_editor):
    association_model = apps.get_model("verbaende", "Association")
    for association in association_model.objects.filter(slug__in=FACES):
        for field, text in FACES[association.slug].items():
            if not getattr(association, field):
                setattr(association, field, text)
        # Historical models know nothing of RenderedMarkdownField.pre_save's source: render here.
        association.fees_html = render_markdown(association.fees)
        association.benefits_html = render_markdown(association.benefits)
        association.save()


def grant_permissions(apps, schema_editor):
    from verbaende.roles import setup_roles_in_migration

    setup_roles_in_migration(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("verbaende", "0007_association_faces"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(fill_faces, migrations.RunPython.noop),
        migrations.RunPython(grant_permissions, migrations.RunPython.noop),
    ]
