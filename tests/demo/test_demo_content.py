import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image

from demo.members import create_demo_profiles
from demo.placeholders import render_placeholder
from konten.models import User
from mitglieder.models import Profile
from teilmaerkte.models import Submarket
from tests.factories import ProfileFactory
from verbaende.models import District

pytestmark = pytest.mark.usefixtures("reference_data")


@pytest.fixture
def fast_password_hashing(settings):
    # The production hasher is deliberately slow; these tests only need a real check.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def printed_password(out):
    return re.search(r"Password:\s+(\S+)", out.getvalue()).group(1)


def created_names_and_slugs():
    return list(Profile.objects.order_by("pk").values_list("name", "slug"))


def test_the_same_seed_gives_the_same_names_and_slugs():
    create_demo_profiles(15, seed=7, with_images=False)
    first = created_names_and_slugs()
    Profile.objects.all().delete()

    create_demo_profiles(15, seed=7, with_images=False)

    assert created_names_and_slugs() == first


def test_another_seed_gives_other_members():
    create_demo_profiles(15, seed=7, with_images=False)
    first = created_names_and_slugs()
    Profile.objects.all().delete()

    create_demo_profiles(15, seed=8, with_images=False)

    assert created_names_and_slugs() != first


@pytest.mark.parametrize("count", [13, 40])
def test_it_spreads_members_over_every_district(count):
    create_demo_profiles(count, with_images=False)

    represented = set(Profile.objects.values_list("municipality__district", flat=True))
    assert represented == set(District.objects.values_list("pk", flat=True))


@pytest.mark.parametrize("count", [12, 40])
def test_it_covers_every_submarket(count):
    create_demo_profiles(count, with_images=False)

    represented = set(Profile.objects.values_list("disciplines__submarket", flat=True))
    assert represented == set(Submarket.objects.values_list("pk", flat=True))


def test_every_member_has_one_to_three_disciplines_and_the_place_association():
    create_demo_profiles(40, with_images=False)

    for profile in Profile.objects.select_related("municipality__district"):
        assert 1 <= profile.disciplines.count() <= 3
        assert profile.association_id == profile.municipality.district.association_id


def test_about_nine_in_ten_members_are_published_with_a_date():
    create_demo_profiles(40, with_images=False)

    published = Profile.objects.published()
    assert published.count() == 36
    assert not published.filter(published_at=None).exists()
    assert Profile.objects.exclude(status=Profile.Status.PUBLISHED).count() == 4


def test_timestamps_are_backdated_and_consistent():
    create_demo_profiles(40, with_images=False)

    for profile in Profile.objects.published():
        assert profile.created_at <= profile.published_at <= profile.updated_at
    oldest = Profile.objects.order_by("created_at").first()
    newest = Profile.objects.order_by("-created_at").first()
    assert (newest.created_at - oldest.created_at).days > 180


def test_texts_read_like_german_self_descriptions():
    create_demo_profiles(40, with_images=False)

    for profile in Profile.objects.all():
        assert 0 < len(profile.tagline) <= 160
        assert 2 <= len(profile.description.split("\n\n")) <= 4
        assert "{" not in profile.description + profile.tagline
        assert "lorem" not in profile.description.lower()
    everything = " ".join(Profile.objects.values_list("description", flat=True))
    assert re.search(r"[äöüß]", everything)


def test_demo_members_are_found_by_the_directory_search():
    # bulk_create skips the signals that keep the search columns current.
    create_demo_profiles(12, with_images=False)

    for profile in Profile.objects.all():
        assert profile in Profile.objects.search(profile.name)


def test_slugs_are_unique_and_avoid_existing_profiles():
    ProfileFactory(name="Studio Kranich", slug="studio-kranich")

    create_demo_profiles(40, with_images=False)
    create_demo_profiles(40, with_images=False)

    slugs = list(Profile.objects.values_list("slug", flat=True))
    assert len(slugs) == 81
    assert len(set(slugs)) == len(slugs)


@pytest.fixture
def development(settings):
    settings.DEBUG = True


def test_seeding_refuses_a_production_database_unless_forced():
    with pytest.raises(CommandError, match="DEBUG=1"):
        call_command("seed_demo", "--members", "3", "--no-images", stdout=io.StringIO())
    assert not Profile.objects.exists()
    call_command("seed_demo", "--members", "3", "--no-images", "--force", stdout=io.StringIO())
    assert Profile.objects.count() == 3


@pytest.mark.usefixtures("development")
def test_running_the_command_twice_adds_members():
    call_command("seed_demo", "--members", "12", "--no-images", stdout=io.StringIO())
    call_command("seed_demo", "--members", "12", "--no-images", stdout=io.StringIO())

    assert Profile.objects.count() == 24


@pytest.mark.usefixtures("development")
def test_if_empty_leaves_an_existing_directory_alone():
    ProfileFactory()
    out = io.StringIO()

    call_command("seed_demo", "--members", "12", "--if-empty", stdout=out)

    assert Profile.objects.count() == 1
    assert "no demo content added" in out.getvalue()


@pytest.mark.usefixtures("development")
def test_if_empty_fills_an_empty_directory():
    out = io.StringIO()

    call_command("seed_demo", "--members", "12", "--no-images", "--if-empty", stdout=out)

    assert Profile.objects.count() == 12
    assert "Created 12 demo profiles" in out.getvalue()


def test_images_are_valid_webp_placeholders(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    create_demo_profiles(3, seed=1)

    for profile in Profile.objects.all():
        assert profile.image.name.startswith("profile-images/")
        with Image.open(tmp_path / profile.image.name) as image:
            assert image.format == "WEBP"
            assert image.size == (480, 480)
        assert profile.image_renditions
        for rendition in profile.image_renditions:
            assert (tmp_path / rendition["name"]).is_file()


def test_placeholder_images_are_deterministic():
    first = render_placeholder("Änne Müller", "designwirtschaft", "aenne-mueller")
    second = render_placeholder("Änne Müller", "designwirtschaft", "aenne-mueller")

    assert first == second


def test_demo_staff_refuses_to_run_without_debug(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo_staff", stdout=io.StringIO())

    assert not User.objects.exists()


@pytest.mark.usefixtures("fast_password_hashing")
def test_demo_staff_prints_a_working_login(settings):
    settings.DEBUG = True
    out = io.StringIO()

    call_command("demo_staff", stdout=out)

    printed = out.getvalue()
    password = printed_password(out)
    user = User.objects.get(email="demo@kreativ-sachsen.invalid")
    assert "http://127.0.0.1:8000/admin/" in printed
    assert user.is_staff and user.is_superuser
    assert user.check_password(password)


@pytest.mark.usefixtures("fast_password_hashing")
def test_demo_staff_sets_a_new_password_each_run(settings):
    settings.DEBUG = True
    first, second = io.StringIO(), io.StringIO()

    call_command("demo_staff", stdout=first)
    call_command("demo_staff", stdout=second)

    passwords = [printed_password(out) for out in (first, second)]
    assert passwords[0] != passwords[1]
    user = User.objects.get(email="demo@kreativ-sachsen.invalid")
    assert user.check_password(passwords[1])
    assert not user.check_password(passwords[0])


@pytest.mark.usefixtures("fast_password_hashing")
def test_demo_staff_runs_with_force_despite_debug_off(settings):
    settings.DEBUG = False

    call_command("demo_staff", "--force", stdout=io.StringIO())

    assert User.objects.filter(email="demo@kreativ-sachsen.invalid", is_superuser=True).exists()


@pytest.mark.usefixtures("development")
def test_seeding_adds_open_calls_to_the_cooperation_exchange():
    from kooperationen.models import Call

    call_command("seed_demo", "--members", "12", "--no-images", stdout=io.StringIO())

    calls = Call.objects.public()
    assert calls.count() == 5
    assert calls.filter(municipality__isnull=True).exists()
    assert all(call.submarkets.exists() for call in calls)
