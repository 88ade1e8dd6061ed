"""One scoping mechanism: every model that belongs to an association has the scoped QuerySet,
every admin of one the scoped admin; `visible_to`, `public` and `in_association` mean the
same for all of them."""

from pathlib import Path

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import AnonymousUser

from aktuelles.models import NewsItem, SuccessReport
from konten.models import Invitation, User
from mitglieder.models import GalleryImage, MembershipRequest, Profile, ProfileLink
from moderation.models import ModerationAction
from tests.aktuelles.news_data import article, success
from tests.factories import ProfileFactory, UserFactory, make_profile
from tests.veranstaltungen.factories import EventFactory
from veranstaltungen.models import Event
from verbaende.models import Association, AssociationLink, District, Municipality
from verbaende.roles import make_staff
from verbaende.scoping import AssociationScopedAdmin, AssociationScopedQuerySet

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# The associations and their catchment areas: the data scoping is about, not scoped data.
# An association's social links are part of its public face, edited with it (like districts).
REFERENCE_DATA = {Association, AssociationLink, District, Municipality}


def _is_project_model(model):
    config = apps.get_app_config(model._meta.app_label)
    # simple-history's copies of a model carry the original as `instance_type`.
    is_history = hasattr(model, "instance_type")
    return Path(config.path).parent == PROJECT_ROOT and not is_history


def _reaches_association(model, seen=()):
    """Whether a chain of foreign keys leads from `model` to an association."""
    for field in model._meta.concrete_fields:
        target = field.related_model
        if target is Association:
            return True
        if target is None or target in REFERENCE_DATA or target in seen:
            continue
        if _reaches_association(target, (*seen, model)):
            return True
    return False


ASSOCIATION_OWNED = [
    model
    for model in apps.get_models()
    if _is_project_model(model) and model not in REFERENCE_DATA and _reaches_association(model)
]
OWNED_IDS = [model._meta.label for model in ASSOCIATION_OWNED]


def test_the_walk_finds_the_models_we_know_belong_to_an_association():
    known = {
        Profile,
        GalleryImage,
        ProfileLink,
        MembershipRequest,
        NewsItem,
        SuccessReport,
        Event,
        ModerationAction,
        Invitation,
        User,
    }
    assert known <= set(ASSOCIATION_OWNED)


@pytest.mark.parametrize("model", ASSOCIATION_OWNED, ids=OWNED_IDS)
def test_every_manager_of_an_association_owned_model_is_scoped(model):
    for manager in model._meta.managers:
        assert isinstance(manager.all(), AssociationScopedQuerySet), (model, manager.name)


@pytest.mark.parametrize("model", ASSOCIATION_OWNED, ids=OWNED_IDS)
def test_the_association_path_leads_to_an_association(model):
    current = model
    for name in model.association_path.split("__"):
        current = current._meta.get_field(name).related_model
    assert current is Association


@pytest.mark.django_db
@pytest.mark.parametrize("model", ASSOCIATION_OWNED, ids=OWNED_IDS)
def test_every_association_owned_model_says_what_the_public_sees(model):
    assert isinstance(model.objects.public(), AssociationScopedQuerySet)


@pytest.mark.parametrize(
    ("model", "model_admin"),
    list(admin.site._registry.items()),
    ids=[model._meta.label for model in admin.site._registry],
)
def test_every_admin_of_an_association_owned_model_is_scoped(model, model_admin):
    if model in ASSOCIATION_OWNED:
        assert isinstance(model_admin, AssociationScopedAdmin), model
    else:
        # Inlines of an unscoped admin would show every association's rows.
        inlines = [inline.model for inline in model_admin.inlines]
        assert not set(inlines) & set(ASSOCIATION_OWNED), model


# --- visible_to: what staff see ----------------------------------------------------------


@pytest.fixture
def profiles(reference_data):
    return {
        "chemnitz": make_profile("chemnitz", name="Chemnitzer Atelier"),
        "leipzig": make_profile("leipzig", name="Leipziger Studio"),
    }


def names(queryset):
    return sorted(queryset.values_list("name", flat=True))


def test_regional_staff_see_their_associations_rows(profiles, staff_chemnitz):
    assert names(Profile.objects.visible_to(staff_chemnitz)) == ["Chemnitzer Atelier"]


@pytest.mark.parametrize("role", ["staff_landesverband", "superuser"])
def test_the_landesverband_and_superusers_see_everything(profiles, request, role):
    user = request.getfixturevalue(role)
    assert names(Profile.objects.visible_to(user)) == ["Chemnitzer Atelier", "Leipziger Studio"]


def test_the_landesverband_is_the_association_of_kind_state_whatever_its_slug(
    profiles, staff_landesverband, staff_chemnitz
):
    Association.objects.filter(slug="landesverband").update(slug="sachsen")
    Association.objects.filter(slug="chemnitz").update(slug="landesverband")
    state_staff = User.objects.get(pk=staff_landesverband.pk)
    regional_staff = User.objects.get(pk=staff_chemnitz.pk)

    assert len(Profile.objects.visible_to(state_staff)) == 2
    assert names(Profile.objects.visible_to(regional_staff)) == ["Chemnitzer Atelier"]


def test_nobody_else_sees_anything(profiles, owner, staff_chemnitz):
    without_association = make_staff(UserFactory(), Association.objects.get(slug="leipzig"))
    without_association.association = None
    without_association.save()
    inactive = make_staff(UserFactory(), Association.objects.get(slug="landesverband"))
    inactive.is_active = False
    inactive.save()
    for user in [AnonymousUser(), owner, without_association, inactive]:
        assert not Profile.objects.visible_to(user).exists(), user
        assert not User.objects.visible_to(user).exists(), user


def test_rows_reached_through_a_profile_follow_its_association(profiles, staff_chemnitz):
    success(profiles["chemnitz"], title="Preis in Chemnitz")
    success(profiles["leipzig"], title="Preis in Leipzig")

    visible = SuccessReport.objects.visible_to(staff_chemnitz)

    assert list(visible.values_list("title", flat=True)) == ["Preis in Chemnitz"]


def test_regional_staff_see_themselves_and_the_editors_of_their_profiles(
    profiles, staff_chemnitz, staff_leipzig
):
    editor = UserFactory(email="editor@example.org")
    profiles["chemnitz"].owners.add(editor)
    profiles["leipzig"].owners.add(UserFactory(email="elsewhere@example.org"))

    visible = User.objects.visible_to(staff_chemnitz).values_list("email", flat=True)

    assert sorted(visible) == ["editor@example.org", "staff-chemnitz@example.org"]


# --- public() and in_association(): what visitors see ------------------------------------


def test_public_means_what_each_model_shows_the_public(reference_data):
    draft = make_profile(name="Entwurf", status=Profile.Status.DRAFT)
    published = make_profile(name="Veröffentlicht")
    article("chemnitz", title="Entwurf", status=NewsItem.Status.DRAFT)
    article("chemnitz", title="Meldung")
    success(published, title="Wartet", status=SuccessReport.Status.PENDING)
    success(published, title="Preis")
    EventFactory(title="Entwurf", status=Event.Status.DRAFT)
    EventFactory(title="Termin")
    for profile in (draft, published):
        ProfileLink.objects.create(profile=profile, kind="other", url="https://example.org")
    MembershipRequest.objects.create(
        name="Anfrage",
        contact_name="Anna",
        email="anna@example.org",
        municipality=Municipality.objects.get(slug="chemnitz"),
    )

    assert names(Profile.objects.public()) == ["Veröffentlicht"]
    assert [a.title for a in NewsItem.objects.public()] == ["Meldung"]
    assert [r.title for r in SuccessReport.objects.public()] == ["Preis"]
    assert [e.title for e in Event.objects.public()] == ["Termin"]
    assert [link.profile for link in ProfileLink.objects.public()] == [published]
    assert not MembershipRequest.objects.public().exists()
    assert not User.objects.public().exists()


def test_the_landesverband_speaks_for_every_member_but_writes_its_own_news(
    profiles, landesverband, chemnitz
):
    success(profiles["chemnitz"], title="Preis in Chemnitz")
    success(profiles["leipzig"], title="Preis in Leipzig")
    article("landesverband", title="Vom Landesverband")
    article("chemnitz", title="Aus Chemnitz")
    EventFactory(title="Landesweit", association=landesverband)
    EventFactory(title="In Chemnitz", association=chemnitz)

    assert len(Profile.objects.in_association(landesverband)) == 2
    assert len(SuccessReport.objects.in_association(landesverband)) == 2
    assert [a.title for a in NewsItem.objects.in_association(landesverband)] == [
        "Vom Landesverband"
    ]
    assert [e.title for e in Event.objects.in_association(landesverband)] == ["Landesweit"]

    assert names(Profile.objects.in_association(chemnitz)) == ["Chemnitzer Atelier"]
    assert [r.title for r in SuccessReport.objects.in_association(chemnitz)] == [
        "Preis in Chemnitz"
    ]
    assert [a.title for a in NewsItem.objects.in_association(chemnitz)] == ["Aus Chemnitz"]
    assert [e.title for e in Event.objects.in_association(chemnitz)] == ["In Chemnitz"]


def test_an_associations_users_are_its_staff(staff_chemnitz, staff_leipzig, chemnitz):
    ProfileFactory().owners.add(UserFactory(email="member@example.org"))

    emails = User.objects.in_association(chemnitz).values_list("email", flat=True)

    assert list(emails) == ["staff-chemnitz@example.org"]
