import uuid
from datetime import datetime, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kern import fields as kern_fields
from kern import text_limits
from kern.fields import MultiLineField, SingleLineField
from kern.rendered_markdown import (
    RenderedMarkdownField,
    RenderedMarkdownQuerySet,
    StoresRenderedMarkdown,
)
from kern.text import unique_slug
from kern.validators import SINGLE_LINE_VALIDATORS, reject_markup
from teilmaerkte.models import Submarket
from veranstaltungen.places import municipality_for
from verbaende.models import Association
from verbaende.scoping import AssociationScopedQuerySet

# Dates outside this range are typing mistakes (2206 for 2026), not events.
EARLIEST_YEAR = 2000
MAX_YEARS_AHEAD = 10
# Path segments of the events' own pages; an event slug must not shadow them.
RESERVED_SLUGS = {"vergangene", "kalender"}
# A price above this is a typing mistake (an extra digit), not an event of the associations.
MAX_PRICE = Decimal("9999.99")
# Changes to these make calendar programs show the event anew, so they raise `sequence`.
SCHEDULING_FIELDS = (
    "starts_at",
    "ends_at",
    "title",
    "is_online",
    "venue_name",
    "street_address",
    "postal_code",
    "city",
    "online_url",
    "is_cancelled",
)


class WebAddressField(kern_fields.WebAddressField):
    """A URL that a browser opens as a page: http or https only (no ftp:, no javascript:)."""

    default_validators = [URLValidator(schemes=["http", "https"]), *SINGLE_LINE_VALIDATORS]


class EventQuerySet(RenderedMarkdownQuerySet, AssociationScopedQuerySet):
    """An association's events are those it organises, the Landesverband's included."""

    def public(self):
        return self.published()

    def published(self):
        return self.filter(status=Event.Status.PUBLISHED)

    def upcoming(self, now=None):
        """Published events that have not ended yet (running ones included), soonest first."""
        now = now or timezone.now()
        return self.published().filter(ends_at__gt=now).order_by("starts_at", "pk")

    def past(self, now=None):
        """Published events that are over, the most recent first."""
        now = now or timezone.now()
        return self.published().filter(ends_at__lte=now).order_by("-starts_at", "-pk")

    def of_kind(self, kind):
        return self.filter(kind=kind)

    def in_district(self, district):
        return self.filter(municipality__district=district)

    def in_municipality(self, municipality):
        return self.filter(municipality=municipality)


class Event(StoresRenderedMarkdown, models.Model):
    """An event organised by the Landesverband or one of the regional associations."""

    class Kind(models.TextChoices):
        CONSULTATION_SALON = "consultation_salon", _("Consultation salon")
        CONSULTATION = "consultation", _("Consultation")
        NETWORKING = "networking", _("Networking meeting")
        WORKSHOP = "workshop", _("Workshop")
        COOPERATION = "cooperation", _("Cooperation event")
        EXHIBITION = "exhibition", _("Exhibition")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    class Accessibility(models.TextChoices):
        STEP_FREE = "step-free", _("Step-free")
        PARTLY = "partly", _("Partly accessible")
        NOT_STEP_FREE = "not-step-free", _("Not step-free")
        UNKNOWN = "unknown", _("Not known yet")

    association = models.ForeignKey(
        Association,
        on_delete=models.PROTECT,
        related_name="events",
        verbose_name=_("organising association"),
    )
    title = SingleLineField(_("title"), max_length=150, validators=[reject_markup])
    slug = models.SlugField(
        _("web address"),
        unique=True,
        max_length=90,
        blank=True,
        help_text=_("Leave empty to derive it from the title."),
    )
    kind = models.CharField(_("kind of event"), max_length=20, choices=Kind)
    teaser = SingleLineField(
        _("teaser"),
        max_length=300,
        validators=[reject_markup],
        help_text=_("One or two sentences shown in lists and calendars, at most 300 characters."),
    )
    description = MultiLineField(
        _("description"),
        max_length=text_limits.EVENT_DESCRIPTION,
        blank=True,
        validators=[reject_markup],
        help_text=_("Markdown is allowed."),
    )
    description_html = RenderedMarkdownField(source="description")
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"), db_index=True)

    is_online = models.BooleanField(
        _("online event"),
        default=False,
        help_text=_("Ticked: the event takes place online and needs no venue."),
    )
    venue_name = SingleLineField(_("venue"), max_length=150, blank=True, validators=[reject_markup])
    street_address = SingleLineField(
        _("street and number"), max_length=150, blank=True, validators=[reject_markup]
    )
    postal_code = SingleLineField(
        _("postal code"), max_length=10, blank=True, validators=[reject_markup]
    )
    city = SingleLineField(_("city"), max_length=100, blank=True, validators=[reject_markup])
    # What the map and the district filter read; filled from `city` when left empty
    # (veranstaltungen.places), chosen by staff where the city's name is ambiguous.
    municipality = models.ForeignKey(
        "verbaende.Municipality",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("municipality"),
        help_text=_(
            "For the map and the district filter. Left empty, it is taken from the city "
            "where the name is unique in Saxony."
        ),
    )
    online_url = WebAddressField(
        _("online address"),
        max_length=300,
        blank=True,
        help_text=_("The address of the video conference or stream."),
    )
    accessibility = models.CharField(
        _("accessibility of the venue"),
        max_length=20,
        choices=Accessibility,
        default=Accessibility.UNKNOWN,
    )
    accessibility_note = SingleLineField(
        _("note on accessibility"),
        max_length=300,
        blank=True,
        validators=[reject_markup],
        help_text=_("E.g. lift, accessible toilet, induction loop, sign language interpreting."),
    )
    registration_url = WebAddressField(_("registration link"), max_length=300, blank=True)
    registration_note = SingleLineField(
        _("note on registration"),
        max_length=300,
        blank=True,
        validators=[reject_markup],
        help_text=_('E.g. "Registration by e-mail by 10 June" or "No registration needed".'),
    )
    price = models.DecimalField(
        _("price in euros"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(
                Decimal(0), message=_("The price cannot be negative. Enter 0 for a free event.")
            ),
            MaxValueValidator(MAX_PRICE, message=_("Please enter a price of at most 9,999.99 €.")),
        ],
        help_text=_("0 shows the event as free of charge; leave empty if there is no price yet."),
    )
    price_note = SingleLineField(
        _("note on the price"),
        max_length=150,
        blank=True,
        validators=[reject_markup],
        help_text=_('E.g. "reduced 5 € for students" or "donations welcome".'),
    )
    capacity_note = SingleLineField(
        _("note on capacity"),
        max_length=100,
        blank=True,
        validators=[reject_markup],
        help_text=_('E.g. "at most 40 people".'),
    )
    image = models.ImageField(_("image"), upload_to="events/", blank=True)
    image_alt = SingleLineField(
        _("image description"),
        max_length=250,
        blank=True,
        validators=[reject_markup],
        help_text=_("What the image shows, for people who cannot see it. Required with an image."),
    )
    # [{"width": 480, "height": 320, "name": "renditions/events/…-480.webp"}, …], widest last.
    image_renditions = models.JSONField(default=list, editable=False)
    submarkets = models.ManyToManyField(
        Submarket, related_name="events", blank=True, verbose_name=_("submarkets")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.DRAFT, db_index=True
    )
    is_cancelled = models.BooleanField(
        _("cancelled"),
        default=False,
        help_text=_("Cancelled events stay visible, marked as cancelled, also in calendars."),
    )
    # Calendar programs recognise an event by its UID and take a higher SEQUENCE as an update;
    # neither may follow the title or slug, which staff may change.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = EventQuerySet.as_manager()
    association_path = "association"

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["status", "ends_at"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Event, self.title, instance_pk=self.pk, max_length=80)
            if self.slug in RESERVED_SLUGS:
                self.slug = unique_slug(Event, f"{self.slug}-termin", instance_pk=self.pk)
        self._place_municipality(kwargs.get("update_fields"))
        if self.pk is not None and self._scheduling_changed():
            self.sequence += 1
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "sequence", "updated_at"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("veranstaltungen:detail", kwargs={"slug": self.slug})

    def _place_municipality(self, update_fields):
        """An online event has no municipality; one on site gets its city's if none is set."""
        if update_fields is not None and not {"is_online", "city", "municipality"} & set(
            update_fields
        ):
            return
        if self.is_online:
            self.municipality = None
        elif self.municipality_id is None and self.city:
            self.municipality = municipality_for(self.city)

    def _scheduling_changed(self):
        stored = Event.objects.filter(pk=self.pk).values("sequence", *SCHEDULING_FIELDS).first()
        if stored is None:
            return False
        # Start from the stored number: an instance loaded before another save may lag behind.
        self.sequence = stored["sequence"]
        return any(stored[name] != getattr(self, name) for name in SCHEDULING_FIELDS)

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def is_free(self):
        return self.price is not None and self.price == 0

    @property
    def place_line(self):
        """The place in one line, as lists and calendars show it."""
        if self.is_online:
            return ""
        locality = " ".join(part for part in (self.postal_code, self.city) if part)
        parts = (self.venue_name, self.street_address, locality)
        return ", ".join(part for part in parts if part)

    def clean(self):
        super().clean()
        errors = {}
        for name in ("starts_at", "ends_at"):
            message = _date_out_of_range(getattr(self, name))
            if message:
                errors[name] = message
        dates_given = self.starts_at and self.ends_at and "ends_at" not in errors
        if dates_given and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The end must be after the start.")
        if self.is_online:
            if not self.online_url:
                errors["online_url"] = _("An online event needs the address of the online meeting.")
        else:
            if not self.venue_name.strip():
                errors["venue_name"] = _("An event on site needs the name of the venue.")
            if not self.city.strip():
                errors["city"] = _("An event on site needs the city it takes place in.")
        if self.image and not self.image_alt.strip():
            errors["image_alt"] = _("Please describe the image for people who cannot see it.")
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _("This web address is reserved for the event lists; choose another.")
        if errors:
            raise ValidationError(errors)


def _date_out_of_range(value):
    if not isinstance(value, datetime):
        return None
    # The year as entered decides first: converting year 1 or 9999 between zones overflows.
    if value.year < EARLIEST_YEAR:
        return _("Please enter a date from the year 2000 onwards.")
    now = timezone.now()
    if value.year > now.year + MAX_YEARS_AHEAD:
        return _("Please enter a date at most ten years from now.")
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    if value > now + timedelta(days=365 * MAX_YEARS_AHEAD + 3):
        return _("Please enter a date at most ten years from now.")
    return None
