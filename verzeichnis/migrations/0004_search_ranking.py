import django.contrib.postgres.search
from django.db import migrations, models


def copy_ranking_columns(apps, schema_editor):
    # PostgreSQL only, as the count vectors (migration 0003): SQLite ranks in its FTS5 table.
    if schema_editor.connection.vendor == "postgresql":
        # As verzeichnis.counters copies them on every change from now on.
        schema_editor.execute(
            "UPDATE verzeichnis_countedprofile c SET "
            "rank_vector = ts_filter(p.search_count_vector, '{a,b,c}'), "
            "sort_name = p.sort_name, completeness = p.completeness, "
            "published_at = p.published_at "
            "FROM mitglieder_profile p WHERE p.id = c.profile_id"
        )


class Migration(migrations.Migration):
    dependencies = [("verzeichnis", "0003_search_counts")]

    operations = [
        migrations.AddField(
            model_name="countedprofile",
            name="rank_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="countedprofile",
            name="sort_name",
            field=models.CharField(db_default="", default="", editable=False, max_length=150),
        ),
        migrations.AddField(
            model_name="countedprofile",
            name="completeness",
            field=models.PositiveSmallIntegerField(db_default=0, default=0),
        ),
        migrations.AddField(
            model_name="countedprofile",
            name="published_at",
            field=models.DateTimeField(null=True),
        ),
        migrations.RunPython(copy_ranking_columns, migrations.RunPython.noop),
    ]
