import csv
from pathlib import Path

from mitglieder.models import Profile
from teilmaerkte.models import Discipline, Submarket
from tests.factories import ProfileFactory
from verbaende.models import Association, District, Municipality

DOMAIN_DIR = Path(__file__).resolve().parents[2] / "verbaende" / "data"


def read_regions():
    with (DOMAIN_DIR / "regionen.csv").open(encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter=";"))


def test_the_four_associations_exist_after_migrating(db):
    assert set(Association.objects.values_list("slug", flat=True)) == {
        "landesverband",
        "chemnitz",
        "dresden",
        "leipzig",
    }
    assert Association.objects.get(slug="landesverband").is_state_association


def test_every_district_of_saxony_belongs_to_its_regional_association(db):
    regions = read_regions()
    assert len(regions) == 13
    for row in regions:
        district = District.objects.get(name=row["kreis"])
        assert district.association.slug == row["verband"]


def test_every_district_offers_at_least_one_municipality(db):
    for district in District.objects.all():
        assert district.municipalities.exists(), district.name


def test_the_eleven_submarkets_and_sonstige_exist_with_their_disciplines(db):
    assert Submarket.objects.count() == 12
    assert (
        Submarket.objects.get(slug="designwirtschaft")
        .disciplines.filter(name="Produktdesign")
        .exists()
    )
    assert Discipline.objects.filter(submarket__slug="software-games").count() == 3
    assert not Discipline.objects.filter(name_en="").exists()


def test_a_members_association_follows_from_the_place(reference_data):
    profile = ProfileFactory(municipality=Municipality.objects.get(slug="zwickau"))
    assert profile.association.slug == "chemnitz"
    profile = ProfileFactory(municipality=Municipality.objects.get(name="Görlitz"))
    assert profile.association.slug == "dresden"


def test_staff_may_assign_another_association(reference_data):
    leipzig = Association.objects.get(slug="leipzig")
    profile = ProfileFactory(
        municipality=Municipality.objects.get(slug="chemnitz"), association=leipzig
    )
    profile.refresh_from_db()
    assert profile.association == leipzig


def test_profiles_get_readable_unique_addresses(reference_data):
    first = ProfileFactory(name="Müller & Söhne Gestaltung")
    second = ProfileFactory(name="Müller & Söhne Gestaltung")
    assert first.slug == "mueller-soehne-gestaltung"
    assert second.slug == "mueller-soehne-gestaltung-2"


def test_reloading_reference_data_keeps_staff_edits(reference_data):
    from verbaende.reference import ensure_reference_data

    Association.objects.filter(slug="leipzig").update(tagline="Von Hand geändert")
    ensure_reference_data(Association, District, Municipality)
    assert Association.objects.get(slug="leipzig").tagline == "Von Hand geändert"
    assert Association.objects.count() == 4


def test_published_filters_out_every_other_status(reference_data):
    for status in Profile.Status.values:
        ProfileFactory(status=status)
    assert list(Profile.objects.published().values_list("status", flat=True)) == ["published"]
