import pytest

from tests.factories import ProfileFactory
from verbaende.models import Municipality


@pytest.mark.parametrize(
    ("slug", "official_name", "founded"),
    [
        ("landesverband", "Landesverband der Kultur- und Kreativwirtschaft Sachsen e.V.", "2015"),
        (
            "chemnitz",
            "Branchenverband der Kultur- und Kreativwirtschaft Chemnitz und Umgebung e.V.",
            "2013",
        ),
        ("dresden", "Branchenverband der Dresdner Kultur- und Kreativwirtschaft", "2012"),
        ("leipzig", "Kreatives Leipzig e.V.", "im Sommer 2010"),
    ],
)
def test_each_association_has_a_page_with_its_facts(
    client, reference_data, slug, official_name, founded
):
    response = client.get(f"/verbaende/{slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert official_name in html
    assert founded in html


def test_the_landesverband_shows_its_exact_founding_date(client, reference_data):
    assert "24. Juni 2015" in client.get("/verbaende/landesverband/").content.decode()


def test_a_regional_page_lists_its_catchment_districts(client, reference_data):
    html = client.get("/verbaende/chemnitz/").content.decode()
    for district in ["Erzgebirgskreis", "Mittelsachsen", "Vogtlandkreis", "Zwickau"]:
        assert district in html
    assert "Bautzen" not in html


def test_a_regional_page_counts_and_shows_its_own_members(client, reference_data):
    ProfileFactory(name="Tonwerk Zwickau", municipality=Municipality.objects.get(slug="zwickau"))
    ProfileFactory(name="Studio Elbe", municipality=Municipality.objects.get(slug="dresden"))
    response = client.get("/verbaende/chemnitz/")
    assert response.context["member_count"] == 1
    html = response.content.decode()
    assert "Tonwerk Zwickau" in html
    assert "Studio Elbe" not in html


def test_the_landesverband_page_counts_every_region(client, reference_data):
    ProfileFactory(municipality=Municipality.objects.get(slug="zwickau"))
    ProfileFactory(municipality=Municipality.objects.get(slug="dresden"))
    response = client.get("/verbaende/landesverband/")
    assert response.context["member_count"] == 2


def test_the_association_contact_is_shown(client, reference_data):
    html = client.get("/verbaende/leipzig/").content.decode()
    assert 'href="mailto:info@kreatives-leipzig.de"' in html


def test_an_unknown_association_is_a_styled_404(client, reference_data):
    response = client.get("/verbaende/berlin/")
    assert response.status_code == 404
    assert "Diese Seite gibt es nicht" in response.content.decode()


@pytest.mark.parametrize(
    ("slug", "members"), [("chemnitz", 2), ("landesverband", 3)], ids=["regional", "state"]
)
def test_the_member_count_stays_the_associations_whatever_the_list_is_filtered_by(
    client, reference_data, slug, members
):
    ProfileFactory(name="Tonwerk Zwickau", municipality=Municipality.objects.get(slug="zwickau"))
    ProfileFactory(name="Erzlicht", municipality=Municipality.objects.get(slug="chemnitz"))
    ProfileFactory(name="Studio Elbe", municipality=Municipality.objects.get(slug="dresden"))
    for query in ({}, {"q": "Tonwerk"}, {"art": "collective"}, {"sortierung": "neu"}):
        response = client.get(f"/verbaende/{slug}/", query)
        assert response.context["member_count"] == members, query
    assert response.context["total"] == members  # sorted, not filtered: the same list
    filtered = client.get(f"/verbaende/{slug}/", {"q": "Tonwerk"})
    assert filtered.context["total"] == 1
