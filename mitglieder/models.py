from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.text import unique_slug
from sparten.models import Discipline
from verbaende.models import Association, Municipality


class ProfileQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Profile.Status.PUBLISHED)

    def in_association(self, association):
        """Profiles of a regional association; the Landesverband spans all of them."""
        if association.is_state_association:
            return self
        return self.filter(association=association)

    def in_submarket(self, submarket):
        return self.filter(disciplines__submarket=submarket).distinct()


class Profile(models.Model):
    """The public entry of a creative actor: a person, a company or a collective."""

    class Kind(models.TextChoices):
        PERSON = "person", _("Person")
        COMPANY = "company", _("Company")
        COLLECTIVE = "collective", _("Collective or initiative")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "review", _("In review")
        PUBLISHED = "published", _("Published")
        HIDDEN = "hidden", _("Hidden")

    owners = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="profiles",
        blank=True,
        verbose_name=_("editors"),
        help_text=_("People who may edit this profile."),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind, default=Kind.PERSON)
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("web address"), unique=True, max_length=90, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="profiles",
        verbose_name=_("place"),
    )
    association = models.ForeignKey(
        Association,
        on_delete=models.PROTECT,
        related_name="profiles",
        limit_choices_to={"kind": Association.Kind.REGIONAL},
        verbose_name=_("regional association"),
        blank=True,
        help_text=_("Derived from the place's district unless staff choose another association."),
    )
    disciplines = models.ManyToManyField(
        Discipline, related_name="profiles", verbose_name=_("disciplines")
    )
    tagline = models.CharField(
        _("short description"),
        max_length=160,
        help_text=_("One sentence shown in lists, at most 160 characters."),
    )
    description = models.TextField(_("description"), blank=True)
    image = models.ImageField(_("logo or portrait"), upload_to="profile-images/", blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.DRAFT, db_index=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)

    objects = ProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("member profile")
        verbose_name_plural = _("member profiles")
        ordering = ["name"]
        indexes = [models.Index(fields=["status", "association"])]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Profile, self.name, instance_pk=self.pk)
        if self.association_id is None and self.municipality_id is not None:
            self.association_id = self.municipality.district.association_id
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("mitglieder:detail", kwargs={"slug": self.slug})

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED
