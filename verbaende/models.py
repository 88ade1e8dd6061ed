from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kern import text_limits
from kern.fields import EmailAddressField, MultiLineField, SingleLineField, WebAddressField
from kern.localized import localized
from kern.rendered_markdown import (
    RenderedMarkdownField,
    RenderedMarkdownQuerySet,
    StoresRenderedMarkdown,
)


class AssociationQuerySet(RenderedMarkdownQuerySet):
    def regional(self):
        return self.filter(kind=Association.Kind.REGIONAL)

    def with_member_counts(self):
        """Annotate `member_count`: published profiles of each regional association."""
        return self.annotate(
            member_count=Count(
                "profiles",
                filter=Q(profiles__status="published", profiles__listed_in_directory=True),
                distinct=True,
            )
        )


class Association(StoresRenderedMarkdown, models.Model):
    """The Landesverband (kind "state") or one of its regional associations (Branchenverbände)."""

    class Kind(models.TextChoices):
        STATE = "state", _("State association")
        REGIONAL = "regional", _("Regional association")

    slug = models.SlugField(_("slug"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    name = SingleLineField(_("official name"), max_length=200)
    short_name = SingleLineField(_("short name"), max_length=80)
    founded_on = models.DateField(
        _("founding date"),
        null=True,
        blank=True,
        help_text=_("Leave empty if only the year is known."),
    )
    founded_year = models.PositiveSmallIntegerField(_("founding year"))
    founding_note = SingleLineField(
        _("founding note"),
        max_length=120,
        blank=True,
        help_text=_(
            'Optional detail shown before the year when no exact date is known, e.g. "im Sommer".'
        ),
    )
    seat = SingleLineField(_("seat"), max_length=80)
    catchment = SingleLineField(_("catchment area"), max_length=200)
    website = WebAddressField(_("website"), blank=True)
    email = EmailAddressField(_("contact e-mail"), blank=True)
    tagline = SingleLineField(_("focus in one sentence"), max_length=250)
    tagline_en = SingleLineField(_("focus in one sentence (English)"), max_length=250, blank=True)
    description = MultiLineField(
        _("description"),
        max_length=text_limits.ASSOCIATION_DESCRIPTION,
        help_text=_("Markdown is allowed."),
    )
    description_en = MultiLineField(
        _("description (English)"), max_length=text_limits.ASSOCIATION_DESCRIPTION, blank=True
    )
    # "_en" last, so that kern.localized finds the English HTML as for any other field.
    description_html = RenderedMarkdownField(source="description")
    description_html_en = RenderedMarkdownField(source="description_en")
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = AssociationQuerySet.as_manager()

    class Meta:
        verbose_name = _("association")
        verbose_name_plural = _("associations")
        ordering = ["position", "name"]

    def __str__(self):
        return self.short_name

    def get_absolute_url(self):
        return reverse("verbaende:detail", kwargs={"slug": self.slug})

    @property
    def is_state_association(self):
        return self.kind == self.Kind.STATE

    @property
    def localized_tagline(self):
        return localized(self, "tagline")

    @property
    def localized_description_html(self):
        return localized(self, "description_html")


class District(models.Model):
    """One of Saxony's 10 Landkreise or 3 kreisfreie Städte.

    Each lies in the catchment of exactly one regional association, which is the default
    association of every member whose place is in it.
    """

    class Kind(models.TextChoices):
        RURAL = "rural_district", _("Rural district")
        CITY = "city", _("Independent city")

    name = SingleLineField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    association = models.ForeignKey(
        Association,
        on_delete=models.PROTECT,
        related_name="districts",
        limit_choices_to={"kind": Association.Kind.REGIONAL},
        verbose_name=_("regional association"),
    )

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Municipality(models.Model):
    """A town or municipality (Gemeinde) in which members work."""

    name = SingleLineField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), unique=True, max_length=140)
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        related_name="municipalities",
        verbose_name=_("district"),
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["district", "name"], name="unique_municipality_name")
        ]

    def __str__(self):
        return self.name

    @property
    def is_district_town(self):
        """A kreisfreie Stadt is its own district (Leipzig in Leipzig): pages name it once."""
        return self.name == self.district.name
