import pytest

from mitglieder.models import Profile
from sparten.models import Discipline
from tests.factories import ProfileFactory
from verbaende.models import Municipality


def place(slug):
    return Municipality.objects.get(slug=slug)


def discipline(slug):
    return Discipline.objects.get(slug=slug)


@pytest.fixture
def directory_members(reference_data):
    """A small, varied directory: five published profiles and one draft."""
    return {
        "mueller": ProfileFactory(
            name="Müller Fotografie",
            kind=Profile.Kind.PERSON,
            tagline="Porträts und Reportagen aus der Lausitz.",
            description="Als Fotograf arbeite ich für Verlage und Agenturen.",
            municipality=place("goerlitz"),
            disciplines=[discipline("fotografie")],
            open_for_commissions=True,
        ),
        "aepfel": ProfileFactory(
            name="Äpfel & Birnen Designbüro",
            kind=Profile.Kind.COMPANY,
            tagline="Designerinnen für Verpackung und Marken.",
            municipality=place("leipzig"),
            disciplines=[discipline("kommunikationsdesign"), discipline("produktdesign")],
            seeks_cooperation=True,
        ),
        "zwischenraum": ProfileFactory(
            name="Kollektiv Zwischenraum",
            kind=Profile.Kind.COLLECTIVE,
            tagline="Wir beleben leere Läden in der Straße der Nationen.",
            municipality=place("chemnitz"),
            disciplines=[discipline("kreativraeume-coworking")],
            open_for_commissions=True,
            seeks_cooperation=True,
        ),
        "ostwind": ProfileFactory(
            name="Ostwind Games",
            kind=Profile.Kind.COMPANY,
            tagline="Kleine Spiele mit großer Geschichte.",
            municipality=place("dresden"),
            disciplines=[discipline("games")],
        ),
        "bauer": ProfileFactory(
            name="Baumann Architektur",
            kind=Profile.Kind.COMPANY,
            tagline="Umbau und Denkmalpflege im Vogtland.",
            municipality=place("plauen"),
            disciplines=[discipline("architektur")],
        ),
        "draft": ProfileFactory(
            name="Geheimes Fotostudio",
            status=Profile.Status.DRAFT,
            municipality=place("leipzig"),
            disciplines=[discipline("fotografie")],
        ),
    }
