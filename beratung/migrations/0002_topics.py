from django.db import migrations


def create_topics(apps, schema_editor):
    from beratung.reference import ensure_topics

    ensure_topics(apps.get_model("beratung", "Topic"))


def remove_topics(apps, schema_editor):
    from beratung.reference import TOPICS

    topic_model = apps.get_model("beratung", "Topic")
    topic_model.objects.filter(slug__in=[slug for _name, _en, slug in TOPICS]).delete()


class Migration(migrations.Migration):
    dependencies = [("beratung", "0001_initial")]

    operations = [migrations.RunPython(create_topics, remove_topics)]
