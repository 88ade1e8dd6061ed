from django.db import migrations


def fill(apps, schema_editor):
    """Count the profiles there are; from now on the write path keeps the counters."""
    from verzeichnis.counters import rebuild_counts

    profile = apps.get_model("mitglieder", "Profile")
    rebuild_counts(
        # Profile.objects.listed(), spelled out: historical models have no custom managers.
        profile.objects.filter(status="published", listed_in_directory=True),
        profile.disciplines.through,
        apps.get_model("verzeichnis", "FacetCount"),
        apps.get_model("verzeichnis", "CountedProfile"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("verzeichnis", "0001_facet_counters"),
        ("mitglieder", "0010_stored_markdown_html"),
        ("sparten", "0003_text_limits"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
