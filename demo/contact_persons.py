"""Demo contact persons of the four associations: fictional names and roles, no photos (the
association page shows initials). Addresses use example.org and so reach nobody."""

from django.db import transaction

from verbaende.models import Association, ContactPerson

PERSONS = {
    "landesverband": [
        ("Henrike Albrecht", "Vorstandsvorsitzende", True),
        ("Jonas Wendler", "Geschäftsführung", True),
    ],
    "chemnitz": [
        ("Marlene Vogt", "Vorstand", True),
        ("Tobias Kaden", "Netzwerk und Veranstaltungen", False),
    ],
    "dresden": [
        ("Katrin Opitz", "Vorstand", True),
        ("Samuel Brandt", "Beratung und Beratungssalons", True),
        ("Ida Lehmann", "Öffentlichkeitsarbeit", False),
    ],
    "leipzig": [
        ("Friederike Haupt", "Vorstand", True),
        ("Matteo Richter", "Mitgliederbetreuung", False),
    ],
}


def _address(name):
    local = name.lower().replace(" ", ".").replace("ö", "oe").replace("ä", "ae")
    return f"{local}@example.org"


def create_demo_contact_persons():
    """Create the persons that do not exist yet; returns how many were created."""
    created = 0
    with transaction.atomic():
        for slug, persons in PERSONS.items():
            association = Association.objects.filter(slug=slug).first()
            if association is None:
                continue
            for position, (name, role, reachable) in enumerate(persons):
                _person, new = ContactPerson.objects.get_or_create(
                    association=association,
                    name=name,
                    defaults={
                        "role": role,
                        "position": position,
                        "email": _address(name) if reachable else "",
                    },
                )
                created += new
    return created
