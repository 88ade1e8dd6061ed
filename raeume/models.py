"""The Raumbörse: offers of and requests for spaces (Angebot / Gesuch).

A listing belongs to the regional association that covers its place, so that association's
staff moderate it. Offers and requests share one table: they are listed, filtered and
moderated alike, and matching compares rows of the two kinds.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kern.fields import MultiLineField, SingleLineField
from verbaende.scoping import AssociationScopedQuerySet

# A published listing stays up this long; renewing it starts the period again.
LISTING_LIFETIME_DAYS = 90
MAX_PHOTOS = 8
# Plausible bounds that refuse typos without refusing a factory hall.
MAX_SIZE_M2 = 100_000
MAX_PRICE_EUR = 1_000_000


class ListingQuerySet(AssociationScopedQuerySet):
    def public(self):
        """What anyone may see: published and not expired (taken ones included, marked)."""
        return self.filter(status=Listing.Status.PUBLISHED, expires_on__gte=timezone.localdate())

    def available(self):
        """Public and not taken: what the Raumbörse lists by default and matching uses."""
        return self.public().filter(taken_at__isnull=True)

    def offers(self):
        return self.filter(listing_type=Listing.ListingType.OFFER)

    def requests(self):
        return self.filter(listing_type=Listing.ListingType.REQUEST)

    def posted_by(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(poster=user)

    # Filters of the Raumbörse list (raeume.listing); each takes the parsed value.
    def of_kind(self, space_kind):
        return self.filter(space_kind=space_kind)

    def in_district(self, district):
        return self.filter(municipality__district=district)

    def in_municipality(self, municipality):
        return self.filter(municipality=municipality)

    def at_least_m2(self, size):
        """Offers at least this big; requests that would take a space this big."""
        return self.filter(
            Q(listing_type=Listing.ListingType.OFFER, size_m2__gte=size)
            | Q(listing_type=Listing.ListingType.REQUEST)
            & (Q(size_max_m2__isnull=True) | Q(size_max_m2__gte=size))
        )

    def at_most_m2(self, size):
        """Offers at most this big; requests that would take a space this small."""
        return self.filter(
            Q(listing_type=Listing.ListingType.OFFER, size_m2__lte=size)
            | Q(listing_type=Listing.ListingType.REQUEST)
            & (Q(size_min_m2__isnull=True) | Q(size_min_m2__lte=size))
        )

    def priced_at_most(self, price):
        """Offers free of charge or priced at most `price`; requests whose budget is at
        most `price`. A negotiable offer without a price is left out: it names none."""
        return self.filter(
            Q(listing_type=Listing.ListingType.OFFER)
            & (Q(price_unit=Listing.PriceUnit.FREE) | Q(price__lte=price))
            | Q(listing_type=Listing.ListingType.REQUEST, max_price__lte=price)
        )

    def with_features(self, features):
        """Listings that have every one of `features`."""
        queryset = self
        for feature in features:
            queryset = queryset.filter(
                pk__in=Listing.features.through.objects.filter(feature=feature).values("listing_id")
            )
        return queryset


class ListingPartQuerySet(AssociationScopedQuerySet):
    """Photos and matches: public as far as their listing is."""

    def public(self):
        return self.filter(listing__in=Listing.objects.public())


class Feature(models.Model):
    """What a space has (barrier-free, three-phase power, storage, ...); staff edit the list."""

    name = SingleLineField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("feature")
        verbose_name_plural = _("features")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Listing(models.Model):
    class ListingType(models.TextChoices):
        OFFER = "offer", _("Offer")
        REQUEST = "request", _("Request")

    class SpaceKind(models.TextChoices):
        STUDIO = "studio", _("Studio")
        OFFICE = "office", _("Office")
        COWORKING = "coworking", _("Coworking desk")
        REHEARSAL = "rehearsal", _("Rehearsal room")
        WORKSHOP = "workshop", _("Workshop")
        SHOP = "shop", _("Shop/showroom")
        VENUE = "venue", _("Event space")
        INTERIM = "interim", _("Interim use")

    class PriceUnit(models.TextChoices):
        MONTH = "month", _("per month")
        DAY = "day", _("per day")
        NEGOTIABLE = "negotiable", _("negotiable")
        FREE = "free", _("free of charge")

    class Status(models.TextChoices):
        PENDING = "pending", _("In review")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Rejected")

    listing_type = models.CharField(_("type"), max_length=10, choices=ListingType)
    space_kind = models.CharField(_("kind of space"), max_length=12, choices=SpaceKind)
    title = SingleLineField(_("title"), max_length=120)
    description = MultiLineField(_("description"), max_length=4000)

    poster = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="listings",
        verbose_name=_("posted by"),
    )
    # A member may post in the name of their profile; shown as the poster then.
    profile = models.ForeignKey(
        "mitglieder.Profile",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="listings",
        verbose_name=_("profile"),
    )
    # The name shown for posters without a profile (a landlord, a municipality).
    poster_name = SingleLineField(_("shown as"), max_length=150, blank=True)

    # Offers: the size and price of the space.
    size_m2 = models.PositiveIntegerField(
        _("size in m²"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_SIZE_M2)],
    )
    price = models.DecimalField(
        _("price in euros"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_PRICE_EUR)],
    )
    price_unit = models.CharField(
        _("price"), max_length=12, choices=PriceUnit, default=PriceUnit.MONTH
    )
    # Requests: what is needed.
    size_min_m2 = models.PositiveIntegerField(
        _("at least m²"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_SIZE_M2)],
    )
    size_max_m2 = models.PositiveIntegerField(
        _("at most m²"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_SIZE_M2)],
    )
    max_price = models.DecimalField(
        _("highest price per month in euros"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_PRICE_EUR)],
    )
    # The order of "Lowest price first", kept by the database: free spaces count as 0,
    # otherwise the offer's price or the request's budget. Stored and indexed, so the sorted
    # list walks an index instead of computing and sorting every available row.
    sort_price = models.GeneratedField(
        expression=models.Case(
            models.When(price_unit="free", then=models.Value(Decimal(0))),
            default=Coalesce("price", "max_price"),
        ),
        output_field=models.DecimalField(max_digits=9, decimal_places=2),
        db_persist=True,
    )
    wanted_districts = models.ManyToManyField(
        "verbaende.District",
        blank=True,
        related_name="wanted_in_listings",
        verbose_name=_("wanted in districts"),
    )

    available_from = models.DateField(_("available from"), null=True, blank=True)
    available_until = models.DateField(_("available until"), null=True, blank=True)

    municipality = models.ForeignKey(
        "verbaende.Municipality",
        on_delete=models.PROTECT,
        related_name="listings",
        verbose_name=_("place"),
    )
    postal_code = SingleLineField(_("postal code"), max_length=5)
    street_address = SingleLineField(_("street and number"), max_length=150, blank=True)
    show_street_address = models.BooleanField(_("show street and number"), default=False)
    features = models.ManyToManyField(
        Feature, blank=True, related_name="listings", verbose_name=_("features")
    )

    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PENDING)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted for review"), null=True, blank=True)
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    renewal_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    taken_at = models.DateTimeField(_("taken"), null=True, blank=True)

    objects = ListingQuerySet.as_manager()
    association_path = "municipality__district__association"

    class Meta:
        verbose_name = _("space listing")
        verbose_name_plural = _("space listings")
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(
                fields=["status", "expires_on", "listing_type", "space_kind"],
                name="raeume_listing_browse",
            ),
            # The Raumbörse list (bench/raeume.py): its counts read available listings by
            # index only (all key columns: SQLite, the embedded default, has no INCLUDE),
            # and its newest-first page walks the second index in order.
            models.Index(
                fields=[
                    "expires_on",
                    "listing_type",
                    "space_kind",
                    "municipality",
                    "id",
                    "size_m2",
                    "price",
                    "price_unit",
                    "size_min_m2",
                    "size_max_m2",
                    "max_price",
                ],
                condition=Q(status="published", taken_at__isnull=True),
                name="raeume_listing_available",
            ),
            models.Index(
                F("published_at").desc(),
                F("id").desc(),
                condition=Q(status="published", taken_at__isnull=True),
                name="raeume_listing_newest",
            ),
            # Ascending puts NULLs last on PostgreSQL, as the list orders ("nulls last" in an
            # index is a syntax error on SQLite).
            models.Index(
                F("sort_price").asc(),
                F("published_at").desc(),
                F("id").desc(),
                condition=Q(status="published", taken_at__isnull=True),
                name="raeume_listing_cheapest",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(size_min_m2__isnull=True)
                | Q(size_max_m2__isnull=True)
                | Q(size_min_m2__lte=models.F("size_max_m2")),
                name="raeume_listing_size_range",
            ),
            models.CheckConstraint(
                condition=Q(available_from__isnull=True)
                | Q(available_until__isnull=True)
                | Q(available_from__lte=models.F("available_until")),
                name="raeume_listing_date_range",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("raeume:detail", kwargs={"pk": self.pk})

    @property
    def association(self):
        return self.municipality.district.association

    @property
    def is_public(self):
        # As ListingQuerySet.public(): a published listing without an expiry date is not.
        return (
            self.status == self.Status.PUBLISHED
            and self.expires_on is not None
            and self.expires_on >= timezone.localdate()
        )

    @property
    def is_expired(self):
        return self.expires_on is not None and self.expires_on < timezone.localdate()

    @property
    def shown_poster_name(self):
        return self.profile.name if self.profile_id else self.poster_name

    @property
    def is_offer(self):
        return self.listing_type == self.ListingType.OFFER

    @property
    def is_taken(self):
        return self.taken_at is not None

    def start_lifetime(self, today=None):
        """Publishing and renewing: the listing stays up LISTING_LIFETIME_DAYS from today."""
        today = today or timezone.localdate()
        self.expires_on = today + datetime.timedelta(days=LISTING_LIFETIME_DAYS)
        self.renewal_reminded_at = None


class ListingPhoto(models.Model):
    """A photo of an offered space, with WebP renditions like gallery images."""

    listing = models.ForeignKey(
        Listing, on_delete=models.CASCADE, related_name="photos", verbose_name=_("listing")
    )
    image = models.ImageField(
        _("image"), upload_to="raeume/", width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    alt_text = SingleLineField(
        _("image description"),
        max_length=250,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    renditions = models.JSONField(default=list, editable=False)

    objects = ListingPartQuerySet.as_manager()
    association_path = "listing__municipality__district__association"

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.alt_text


class MatchQuerySet(AssociationScopedQuerySet):
    def public(self):
        # Matches are the two owners' business; staff see them in the admin.
        return self.none()


class Match(models.Model):
    """An offer that fits a request; stored so each pair is announced at most once."""

    request = models.ForeignKey(
        Listing, on_delete=models.CASCADE, related_name="matched_offers", verbose_name=_("request")
    )
    offer = models.ForeignKey(
        Listing, on_delete=models.CASCADE, related_name="matched_requests", verbose_name=_("offer")
    )
    found_at = models.DateTimeField(_("found"), auto_now_add=True)
    request_owner_notified_at = models.DateTimeField(null=True, blank=True)
    offer_owner_notified_at = models.DateTimeField(null=True, blank=True)

    objects = MatchQuerySet.as_manager()
    association_path = "request__municipality__district__association"

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        constraints = [
            models.UniqueConstraint(fields=["request", "offer"], name="raeume_match_once"),
        ]

    def __str__(self):
        return f"{self.request} ↔ {self.offer}"
