"""The consultation topics every new database starts with (the topics Wir gestalten Dresden
offers today); staff of the Landesverband edit the list in the admin."""

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


def ensure_topics(topic_model):
    for position, (name, name_en, slug) in enumerate(TOPICS, start=1):
        topic_model.objects.get_or_create(
            slug=slug, defaults={"name": name, "name_en": name_en, "position": position}
        )
