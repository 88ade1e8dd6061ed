from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant_event_permissions(apps, schema_editor):
    from verbaende.roles import setup_roles

    # Permissions are normally created after all migrations (post_migrate); the groups need
    # the event permissions now.
    app_config = apps.get_app_config("veranstaltungen")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    setup_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("veranstaltungen", "0001_initial"),
        ("moderation", "0003_success_report_decisions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    # Going back leaves the groups as they are: removing the models removes their permissions.
    operations = [migrations.RunPython(grant_event_permissions, migrations.RunPython.noop)]
