from demo.contact_persons import PERSONS, create_demo_contact_persons
from verbaende.models import ContactPerson


def test_every_association_gets_its_demo_persons_once(client, reference_data):
    expected = sum(len(persons) for persons in PERSONS.values())
    assert create_demo_contact_persons() == expected
    assert create_demo_contact_persons() == 0
    assert ContactPerson.objects.count() == expected
    for person in ContactPerson.objects.exclude(email=""):
        assert person.email.endswith("@example.org")
    html = client.get("/verbaende/dresden/").content.decode()
    assert "Samuel Brandt" in html
    assert "example.org" not in html
