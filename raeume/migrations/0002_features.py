"""The features a space can have, as the associations' space advice names them. Staff
edit, add and reorder them in the admin; the names are data, in German like the places."""

from django.db import migrations

FEATURES = [
    ("barrierefrei", "Barrierefrei"),
    ("starkstrom", "Starkstrom"),
    ("lager", "Lagerfläche"),
    ("lastenaufzug", "Lastenaufzug"),
    ("kueche", "Küche"),
    ("tageslicht", "Tageslicht"),
    ("internet", "Internetanschluss"),
    ("sanitaer", "Eigene Sanitäranlagen"),
    ("schallschutz", "Schallschutz"),
    ("parkplatz", "Parkplatz / Anlieferung"),
]


def add_features(apps, schema_editor):
    Feature = apps.get_model("raeume", "Feature")
    for position, (slug, name) in enumerate(FEATURES):
        Feature.objects.get_or_create(slug=slug, defaults={"name": name, "position": position})


class Migration(migrations.Migration):
    dependencies = [("raeume", "0001_initial")]

    operations = [migrations.RunPython(add_features, migrations.RunPython.noop)]
