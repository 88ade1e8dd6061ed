import factory
from django.test import TestCase
from django.utils import timezone

from konten.models import User
from mitglieder.indexing import refresh_search_index
from mitglieder.models import Profile
from teilmaerkte.models import Discipline
from verbaende.models import Municipality


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="de_DE")
    password = factory.django.Password("correct-horse-battery-staple")


class ProfileFactory(factory.django.DjangoModelFactory):
    """A published profile in Chemnitz with one design discipline, unless told otherwise."""

    class Meta:
        model = Profile
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Atelier Beispiel {n}")
    kind = Profile.Kind.COMPANY
    tagline = "Gestaltung für Kultur und Wirtschaft aus Sachsen."
    description = "Wir entwerfen Erscheinungsbilder, Bücher und Ausstellungen."
    municipality = factory.LazyFunction(lambda: Municipality.objects.get(slug="chemnitz"))
    status = Profile.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def disciplines(self, create, extracted, **kwargs):
        if not create:
            return
        self.disciplines.set(extracted or [Discipline.objects.get(slug="kommunikationsdesign")])
        # The signals reindex after the commit, which the transaction of a test never
        # reaches: index the new profile now, as demo seeding does.
        refresh_search_index([self.pk])


class SuccessReportFactory(factory.django.DjangoModelFactory):
    """A pending award for a profile, submitted by nobody in particular unless told."""

    class Meta:
        model = "aktuelles.SuccessReport"

    profile = factory.SubFactory(ProfileFactory)
    kind = "award"
    title = factory.Sequence(lambda n: f"Sächsischer Staatspreis für Design {n}")
    achieved_on = factory.LazyFunction(lambda: timezone.localdate() - timezone.timedelta(days=30))
    evidence_url = "https://example.org/preistraeger"
    description = "Ausgezeichnet für das Erscheinungsbild eines Museums."
    status = "pending"


def after_commit():
    """Runs the after-commit work (search index, image renditions) of the saves inside it,
    which a test's own transaction never reaches: django_capture_on_commit_callbacks(
    execute=True) for helpers without fixtures."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def place(slug):
    return Municipality.objects.get(slug=slug)


def discipline(slug):
    return Discipline.objects.get(slug=slug)


def make_profile(slug="chemnitz", **kwargs):
    """A profile in the place `slug` (and so in that place's association)."""
    return ProfileFactory(municipality=place(slug), **kwargs)


def in_review(profile, editor=None):
    """Put `profile` into review the way the member's "submit" does."""
    profile.status = Profile.Status.IN_REVIEW
    profile.submitted_at = timezone.now()
    profile._history_user = editor
    profile.save()
    return profile
