from django.db import migrations


def create_roles(apps, schema_editor):
    from verbaende.roles import setup_roles_in_migration

    setup_roles_in_migration(apps)


def remove_roles(apps, schema_editor):
    from verbaende.roles import ROLES

    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("accounts", "0002_staff_association_and_invitations"),
        ("mitglieder", "0006_history_and_partial_indexes"),
        ("verbaende", "0003_help_texts"),
        ("sparten", "0002_reference_data"),
        ("seiten", "0002_initial_pages"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
