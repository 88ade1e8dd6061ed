from django.db import migrations

# The topics Wir gestalten Dresden offers today; staff of the Landesverband edit the list.
TOPICS = [
    ("Existenzgründung", "Starting a business", "existenzgruendung"),
    ("Förderung und Finanzierung", "Funding and finance", "foerderung-und-finanzierung"),
    (
        "Künstlersozialkasse und Versicherung",
        "Artists' social insurance and insurance",
        "kuenstlersozialkasse-und-versicherung",
    ),
    ("Preise und Honorare", "Prices and fees", "preise-und-honorare"),
    ("Recht und Verträge", "Law and contracts", "recht-und-vertraege"),
    ("Räume", "Spaces", "raeume"),
    ("Marketing", "Marketing", "marketing"),
]


def create_topics(apps, schema_editor):
    topic_model = apps.get_model("beratung", "Topic")
    for position, (name, name_en, slug) in enumerate(TOPICS, start=1):
        topic_model.objects.get_or_create(
            slug=slug, defaults={"name": name, "name_en": name_en, "position": position}
        )


def remove_topics(apps, schema_editor):
    topic_model = apps.get_model("beratung", "Topic")
    topic_model.objects.filter(slug__in=[slug for _name, _en, slug in TOPICS]).delete()


class Migration(migrations.Migration):
    dependencies = [("beratung", "0001_initial")]

    operations = [migrations.RunPython(create_topics, remove_topics)]
