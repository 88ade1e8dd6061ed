from django.db import migrations

INDEX = "mitglieder_profile_search_vector_gin"


def create_search_index(apps, schema_editor):
    # The tsvector column exists on every backend (SQLite just keeps it empty); the GIN index
    # that makes full-text search fast exists only on PostgreSQL.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON mitglieder_profile USING gin (search_vector)"
        )


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("mitglieder", "0003_directory_fields")]

    operations = [migrations.RunPython(create_search_index, drop_search_index)]
