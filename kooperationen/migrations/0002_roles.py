from django.db import migrations


def grant_call_permissions(apps, schema_editor):
    # The staff groups get the permissions for calls (see verbaende.roles); the same
    # idempotent step that created the groups.
    from verbaende.roles import setup_roles_in_migration

    setup_roles_in_migration(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("kooperationen", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    # Going back leaves the groups as they are: removing the models removes their permissions.
    operations = [migrations.RunPython(grant_call_permissions, migrations.RunPython.noop)]
