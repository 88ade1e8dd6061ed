from django.db import migrations


def give_roles_widget_permissions(apps, schema_editor):
    # The staff groups get the permissions for widgets (see verbaende.roles); the same
    # idempotent step that created the groups.
    from verbaende.roles import setup_roles_in_migration

    setup_roles_in_migration(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("einbetten", "0001_initial"),
        ("verbaende", "0006_stored_markdown_html"),
        ("moderation", "0004_text_limits"),
        ("aktuelles", "0004_stored_markdown_html"),
        ("veranstaltungen", "0005_stored_markdown_html"),
    ]

    operations = [migrations.RunPython(give_roles_widget_permissions, migrations.RunPython.noop)]
