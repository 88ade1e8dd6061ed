from django.db import migrations


def give_roles_news_permissions(apps, schema_editor):
    # The staff groups get the permissions for news and success reports (see
    # verbaende.roles); the same idempotent step that created the groups.
    from verbaende.roles import setup_roles_in_migration

    setup_roles_in_migration(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("aktuelles", "0001_initial"),
        ("moderation", "0003_success_report_decisions"),
    ]

    operations = [migrations.RunPython(give_roles_news_permissions, migrations.RunPython.noop)]
