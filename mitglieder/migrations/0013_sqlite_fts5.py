from django.db import migrations

FIELDS = "abcd"


def create_fts_table(apps, schema_editor):
    # SQLite only: full-text search over the tokens mitglieder.indexing writes (a column per
    # field). The tokenizer keeps them as they are; prefix indexes of 4 letters serve the
    # prefix queries. PostgreSQL has its search vectors instead; this does nothing there.
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS mitglieder_profile_fts USING fts5("
        "a, b, c, d, tokenize = 'unicode61 remove_diacritics 0', prefix = '4')"
    )
    # Carry over the tokens of the old text column (" a:token b:token ...").
    rows = []
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT id, search_text FROM mitglieder_profile")
        for pk, text in cursor.fetchall():
            columns = {field: [] for field in FIELDS}
            for entry in (text or "").split():
                field, _, token = entry.partition(":")
                if field in columns and token:
                    columns[field].append(token)
            if any(columns.values()):
                rows.append((pk, *(" ".join(columns[field]) for field in FIELDS)))
        cursor.executemany(
            "INSERT INTO mitglieder_profile_fts (rowid, a, b, c, d) VALUES (%s, %s, %s, %s, %s)",
            rows,
        )


def drop_fts_table(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS mitglieder_profile_fts")


class Migration(migrations.Migration):
    dependencies = [("mitglieder", "0012_search_completeness_and_counts")]

    operations = [
        migrations.RunPython(create_fts_table, drop_fts_table),
        migrations.RemoveField(model_name="profile", name="search_text"),
    ]
