"""`make run` shows consultation offers: the demo creates advisors and future slots once."""

from beratung.models import Advisor, Slot
from demo.consultations import create_demo_consultations


def test_the_demo_offers_consultations_of_every_regional_association(client, reference_data):
    created = create_demo_consultations()

    assert created > 50
    assert create_demo_consultations() == 0
    assert set(Advisor.objects.values_list("association__slug", flat=True)) == {
        "chemnitz",
        "dresden",
        "leipzig",
    }
    assert not Slot.objects.filter(topics__isnull=True).exists()
    page = client.get("/beratung/").content.decode()
    assert "Katrin Weber" in page
    assert page.count("/beratung/termin/") >= 50
