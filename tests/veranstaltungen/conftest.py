import pytest

from moderation.roles import make_staff


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# The personas of tests/conftest.py are staff without a role; these have their group's
# permissions, as staff created through the admin do.
@pytest.fixture
def chemnitz_staff(staff_chemnitz):
    return make_staff(staff_chemnitz, staff_chemnitz.association)


@pytest.fixture
def dresden_staff(staff_dresden):
    return make_staff(staff_dresden, staff_dresden.association)


@pytest.fixture
def landesverband_staff(staff_landesverband):
    return make_staff(staff_landesverband, staff_landesverband.association)
