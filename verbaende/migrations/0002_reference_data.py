from django.db import migrations


def create_reference_data(apps, schema_editor):
    from verbaende.reference import ensure_reference_data

    ensure_reference_data(
        apps.get_model("verbaende", "Association"),
        apps.get_model("verbaende", "District"),
        apps.get_model("verbaende", "Municipality"),
    )


class Migration(migrations.Migration):
    dependencies = [("verbaende", "0001_initial")]

    operations = [migrations.RunPython(create_reference_data, migrations.RunPython.noop)]
