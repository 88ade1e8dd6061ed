import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation

from konten.models import Invitation
from mitglieder.models import MembershipRequest, Profile
from moderation.models import ModerationAction
from seiten import reference as page_reference
from seiten.models import Page
from teilmaerkte import reference as submarket_reference
from teilmaerkte.models import Discipline, Submarket
from tests.factories import ProfileFactory, UserFactory, discipline, place
from verbaende import reference as association_reference
from verbaende.models import Association, District, Municipality
from verzeichnis.vocabulary import _loaded


def pytest_configure(config):
    from django.conf import settings

    # Argon2 is slow by design; tests of the hashing itself ask for it (test_login.py).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

    # The hashed manifest exists only after collectstatic; tests, the live server included
    # (which starts before any per-test fixture), serve static files from the source folders.
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def german_first():
    # A request under /en/ leaves English active in the thread (LocaleMiddleware activates,
    # nothing deactivates); the next test in the same worker must start in German again.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


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
    from tests.factories import ProfileFactory

    user = UserFactory(email="owner@example.org", full_name="Olga Owner")
    profile = ProfileFactory(name="Atelier Olga", contact_email="owner@example.org")
    profile.owners.add(user)
    return user


@pytest.fixture
def owned_profile(owner):
    return owner.profiles.get()


@pytest.fixture
def other_member(reference_data):
    from tests.factories import ProfileFactory
    from verbaende.models import Municipality

    user = UserFactory(email="other@example.org", full_name="Otto Other")
    profile = ProfileFactory(
        name="Studio Otto", municipality=Municipality.objects.get(slug="leipzig")
    )
    profile.owners.add(user)
    return user


def _staff(slug):
    """Staff of the association `slug` in its role, as staff created in the admin are."""
    from konten.models import User
    from verbaende.models import Association
    from verbaende.roles import make_staff

    association = Association.objects.get(slug=slug)
    user = User.objects.create_user(
        email=f"staff-{slug}@example.org",
        password="correct-horse-battery-staple",
        is_staff=True,
        association=association,
    )
    return make_staff(user, association)


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
def superuser(reference_data):
    from konten.models import User

    return User.objects.create_superuser(email="admin@example.org", password="x-long-password-1")


@pytest.fixture
def client_for(client):
    """client_for(user) logs `user` in (None: stays anonymous) and returns the client."""

    def log_in(user):
        if user is not None:
            client.force_login(user)
        return client

    return log_in


# Scenes: data several test modules share.


@pytest.fixture
def roles(owner, staff_chemnitz, staff_dresden, staff_leipzig, staff_landesverband, superuser):
    """Every role by the name the permission matrix uses."""
    return {
        "anonymous": None,
        "member": owner,
        "chemnitz": staff_chemnitz,
        "dresden": staff_dresden,
        "leipzig": staff_leipzig,
        "landesverband": staff_landesverband,
        "superuser": superuser,
    }


@pytest.fixture
def chemnitz_objects(owner, owned_profile, staff_chemnitz):
    """One object of every scoped model, all belonging to Kreatives Chemnitz."""
    place = Municipality.objects.get(slug="chemnitz")
    membership = MembershipRequest.objects.create(
        name="Neues Atelier", contact_name="Nina Neu", email="nina@example.org", municipality=place
    )
    invitation = Invitation.objects.create(
        user=UserFactory(email="eingeladen@example.org"),
        profile=owned_profile,
        token_hash="a" * 64,
        expires_at=timezone.now() + timezone.timedelta(days=7),
    )
    action = ModerationAction.objects.create(
        actor=staff_chemnitz,
        action=ModerationAction.Kind.APPROVE,
        profile=owned_profile,
        subject=owned_profile.name,
        association=Association.objects.get(slug="chemnitz"),
    )
    return {
        "profile": owned_profile,
        "membershiprequest": membership,
        "invitation": invitation,
        "moderationaction": action,
        "user": owner,
        "history_id": owned_profile.history.latest().history_id,
    }


@pytest.fixture
def leipzig_profile(other_member):
    return other_member.profiles.get()


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
