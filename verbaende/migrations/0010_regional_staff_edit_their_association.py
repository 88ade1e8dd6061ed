"""Regional staff keep their own association's page (texts, office, fees, benefits, links);
the admin decides which association and which fields (verbaende.admin)."""

from django.db import migrations


def grant_permissions(apps, schema_editor):
    from verbaende.roles import setup_roles_in_migration

    setup_roles_in_migration(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("verbaende", "0009_privacy_paragraph_contact_persons"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
