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

    # The association's face (issue 13): logo, portrait, office, fees and benefits.
    # Renditions are made by kontakt.signals (medien sits above this app).
    logo = models.ImageField(_("logo"), upload_to="association-logos/", blank=True)
    logo_renditions = models.JSONField(default=list, editable=False)
    logo_alt = SingleLineField(
        _("logo alternative text"),
        max_length=200,
        blank=True,
        help_text=_("What the logo shows, for people who cannot see it."),
    )
    portrait = MultiLineField(
        _("short portrait"),
        max_length=text_limits.ASSOCIATION_PORTRAIT,
        blank=True,
        help_text=_("Two or three sentences shown at the top of the association page."),
    )
    office_address = MultiLineField(
        _("office address"), max_length=300, blank=True, help_text=_("One line per address line.")
    )
    office_hours = MultiLineField(
        _("office hours"), max_length=300, blank=True, help_text=_("One line per day or slot.")
    )
    fees = MultiLineField(
        _("membership fees"),
        max_length=text_limits.ASSOCIATION_FEES,
        blank=True,
        help_text=_("Markdown is allowed."),
    )
    fees_html = RenderedMarkdownField(source="fees")
    benefits = MultiLineField(
        _("membership benefits"),
        max_length=text_limits.ASSOCIATION_FEES,
        blank=True,
        help_text=_("Markdown is allowed."),
    )
    benefits_html = RenderedMarkdownField(source="benefits")

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


class LinkKind(models.TextChoices):
    """Social networks an association links to; the ids match static/img/icons.svg."""

    INSTAGRAM = "instagram", "Instagram"
    MASTODON = "mastodon", "Mastodon"
    BLUESKY = "bluesky", "Bluesky"
    LINKEDIN = "linkedin", "LinkedIn"
    YOUTUBE = "youtube", "YouTube"
    VIMEO = "vimeo", "Vimeo"
    BEHANCE = "behance", "Behance"
    SOUNDCLOUD = "soundcloud", "SoundCloud"
    OTHER = "other", _("Other link")

    @property
    def icon(self):
        return "link" if self == LinkKind.OTHER else self.value


class AssociationLink(models.Model):
    """A social-media link of an association, shown with its icon on the association page."""

    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="links", verbose_name=_("association")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=LinkKind)
    url = WebAddressField(_("address"), max_length=300)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("social link")
        verbose_name_plural = _("social links")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.get_kind_display()

    @property
    def icon(self):
        return LinkKind(self.kind).icon


# Below Association: verbaende.scoping imports it from this module.
from verbaende.scoping import AssociationScopedQuerySet  # noqa: E402


class ContactPersonQuerySet(AssociationScopedQuerySet):
    def public(self):
        return self.filter(is_visible=True)


class ContactPerson(models.Model):
    """A face of an association: name, role and photo on its page. Visitors write to the
    person through the relay form (kontakt.association_relay); the e-mail address is never
    shown. Edited by the association's own staff."""

    association = models.ForeignKey(
        Association,
        on_delete=models.CASCADE,
        related_name="contact_persons",
        verbose_name=_("association"),
    )
    name = SingleLineField(_("name"), max_length=120)
    role = SingleLineField(_("role"), max_length=120, help_text=_('For example "Vorstand".'))
    photo = models.ImageField(_("photo"), upload_to="contact-persons/", blank=True)
    photo_renditions = models.JSONField(default=list, editable=False)
    photo_alt = SingleLineField(_("photo alternative text"), max_length=200, blank=True)
    email = EmailAddressField(
        _("e-mail address for the contact form"),
        blank=True,
        help_text=_(
            "Never shown on the website. Without it, visitors are sent to the association's "
            "general contact."
        ),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_visible = models.BooleanField(_("shown on the association page"), default=True)

    objects = ContactPersonQuerySet.as_manager()
    association_path = "association"

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["association", "position", "name"]

    def __str__(self):
        return self.name

    @property
    def can_be_contacted(self):
        return bool(self.email)
