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
