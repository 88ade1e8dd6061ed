from django.db import migrations


def create_reference_data(apps, schema_editor):
    from teilmaerkte.reference import ensure_reference_data

    ensure_reference_data(
        apps.get_model("sparten", "Submarket"), apps.get_model("sparten", "Discipline")
    )


class Migration(migrations.Migration):
    dependencies = [("sparten", "0001_initial")]

    operations = [migrations.RunPython(create_reference_data, migrations.RunPython.noop)]
