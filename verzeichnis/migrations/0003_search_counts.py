import django.contrib.postgres.search
from django.db import migrations

INDEX = "verzeichnis_countedprofile_search_vector_gin"


def create_search_index(apps, schema_editor):
    # As mitglieder's search index: the column exists everywhere, the GIN index and the
    # copy of the profiles' count vectors only on PostgreSQL (SQLite counts from profiles).
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "UPDATE verzeichnis_countedprofile c SET search_vector = p.search_count_vector "
            "FROM mitglieder_profile p WHERE p.id = c.profile_id"
        )
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON verzeichnis_countedprofile "
            "USING gin (search_vector)"
        )


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("verzeichnis", "0002_fill_facet_counters"),
        ("mitglieder", "0012_search_completeness_and_counts"),
    ]

    operations = [
        migrations.AddField(
            model_name="countedprofile",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(create_search_index, drop_search_index),
    ]
