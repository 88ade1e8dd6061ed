import pytest
from django.core.cache import cache

from mitglieder.vocabulary import _loaded
from seiten import reference as page_reference
from seiten.models import Page
from sparten import reference as submarket_reference
from sparten.models import Discipline, Submarket
from verbaende import reference as association_reference
from verbaende.models import Association, District, Municipality


def pytest_configure(config):
    from django.conf import settings

    # The hashed manifest exists only after collectstatic; tests, the live server included
    # (which starts before any per-test fixture), serve static files from the source folders.
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def empty_cache():
    # Cached vocabulary and counts from one test's database must not leak into the next.
    cache.clear()
    _loaded.clear()
    yield
    cache.clear()
    _loaded.clear()


@pytest.fixture
def reference_data(db):
    """The rows the data migrations create. Transactional tests (browser, live server) flush
    the database after each test, so they need this fixture to put them back."""
    association_reference.ensure_reference_data(Association, District, Municipality)
    submarket_reference.ensure_reference_data(Submarket, Discipline)
    page_reference.ensure_reference_data(Page)


@pytest.fixture
def chemnitz(reference_data):
    return Association.objects.get(slug="chemnitz")


@pytest.fixture
def dresden(reference_data):
    return Association.objects.get(slug="dresden")


@pytest.fixture
def leipzig(reference_data):
    return Association.objects.get(slug="leipzig")


@pytest.fixture
def landesverband(reference_data):
    return Association.objects.get(slug="landesverband")


# Personas: the owner of a Chemnitz profile, a member with a Leipzig profile, and staff of
# each association. Member-side views answer 404 to everyone but the profile's editors.


@pytest.fixture
def owner(reference_data):
    from tests.factories import ProfileFactory, UserFactory

    user = UserFactory(email="owner@example.org", full_name="Olga Owner")
    profile = ProfileFactory(name="Atelier Olga", contact_email="owner@example.org")
    profile.owners.add(user)
    return user


@pytest.fixture
def owned_profile(owner):
    return owner.profiles.get()


@pytest.fixture
def other_member(reference_data):
    from tests.factories import ProfileFactory, UserFactory
    from verbaende.models import Municipality

    user = UserFactory(email="other@example.org", full_name="Otto Other")
    profile = ProfileFactory(
        name="Studio Otto", municipality=Municipality.objects.get(slug="leipzig")
    )
    profile.owners.add(user)
    return user


def _staff(slug):
    from accounts.models import User
    from verbaende.models import Association

    return User.objects.create_user(
        email=f"staff-{slug}@example.org",
        password="correct-horse-battery-staple",
        is_staff=True,
        association=Association.objects.get(slug=slug),
    )


@pytest.fixture
def staff_chemnitz(reference_data):
    return _staff("chemnitz")


@pytest.fixture
def staff_dresden(reference_data):
    return _staff("dresden")


@pytest.fixture
def staff_leipzig(reference_data):
    return _staff("leipzig")


@pytest.fixture
def staff_landesverband(reference_data):
    return _staff("landesverband")


@pytest.fixture
def client_for(client):
    """client_for(user) logs `user` in (None: stays anonymous) and returns the client."""

    def log_in(user):
        if user is not None:
            client.force_login(user)
        return client

    return log_in
