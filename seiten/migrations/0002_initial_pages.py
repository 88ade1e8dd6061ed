from django.db import migrations


def create_pages(apps, schema_editor):
    from seiten.reference import ensure_reference_data

    ensure_reference_data(apps.get_model("seiten", "Page"))


class Migration(migrations.Migration):
    dependencies = [("seiten", "0001_initial")]

    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]
