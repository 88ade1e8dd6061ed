from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant_import_permissions(apps, schema_editor):
    from verbaende.roles import setup_roles

    # Permissions are normally created after all migrations (post_migrate); the groups need
    # the import permissions now.
    app_config = apps.get_app_config("einlesen")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    setup_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("einlesen", "0001_initial"),
        ("veranstaltungen", "0002_roles"),
        ("moderation", "0004_text_limits"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    # Going back leaves the groups as they are: removing the models removes their permissions.
    operations = [migrations.RunPython(grant_import_permissions, migrations.RunPython.noop)]
