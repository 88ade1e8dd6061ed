from django.db import migrations


def grant_registration_permissions(apps, schema_editor):
    from verbaende.roles import setup_roles_in_migration

    setup_roles_in_migration(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("anmeldungen", "0001_initial"),
        ("veranstaltungen", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    # Going back leaves the groups as they are: removing the models removes their permissions.
    operations = [migrations.RunPython(grant_registration_permissions, migrations.RunPython.noop)]
