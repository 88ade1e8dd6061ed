from django.db import migrations


def give_roles_consultation_permissions(apps, schema_editor):
    # The roles name their permissions in one place (verbaende.roles); the same idempotent
    # step that created the groups.
    from verbaende.roles import setup_roles_in_migration

    setup_roles_in_migration(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("beratung", "0002_topics"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(give_roles_consultation_permissions, migrations.RunPython.noop)
    ]
