"""Consultation offers: advisors, topics, open slots, bookings and feedback.

A slot is booked at most once: a partial unique index allows one active booking (booked,
attended, no-show) per slot, and `services.book` locks the slot row first, so parallel
requests queue up behind the lock and the losers see a taken slot instead of an
IntegrityError. Bookings are not tied to accounts: anyone books with a name and an e-mail
address, and the booker reaches the booking only through the signed link of the
confirmation mail.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kern import text_limits
from kern.fields import EmailAddressField, MultiLineField, SingleLineField
from kern.localized import localized
from kern.validators import reject_markup
from postausgang.models import OutgoingMail
from verbaende.models import Association
from verbaende.scoping import AssociationScopedQuerySet, StaffOnlyQuerySet

# Slots shorter or longer than this are typing mistakes.
MIN_DURATION = 10
MAX_DURATION = 240


def keep_bookings_for() -> timedelta:
    """How long a booking is kept after its date (settings.BOOKING_RETENTION_DAYS)."""
    return timedelta(days=settings.BOOKING_RETENTION_DAYS)


class Topic(models.Model):
    """What a consultation is about. One list for all associations, kept by the
    Landesverband, so that visitors filter all offers of Saxony by the same topics."""

    name = SingleLineField(_("name"), max_length=100, unique=True, validators=[reject_markup])
    name_en = SingleLineField(
        _("name (English)"), max_length=100, blank=True, validators=[reject_markup]
    )
    slug = models.SlugField(_("web address"), max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("consultation topic")
        verbose_name_plural = _("consultation topics")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    @property
    def localized_name(self):
        return localized(self, "name")


class AdvisorQuerySet(AssociationScopedQuerySet):
    def public(self):
        return self.filter(is_active=True)


class Advisor(models.Model):
    """A person who gives consultations for an association."""

    association = models.ForeignKey(
        Association,
        on_delete=models.PROTECT,
        related_name="advisors",
        verbose_name=_("association"),
    )
    name = SingleLineField(_("name"), max_length=150, validators=[reject_markup])
    photo = models.ImageField(_("photo"), upload_to="beratung/", blank=True)
    photo_renditions = models.JSONField(default=list, editable=False)
    focus = SingleLineField(
        _("focus"),
        max_length=300,
        blank=True,
        validators=[reject_markup],
        help_text=_("What the advisor knows best, in one or two sentences."),
    )
    languages = SingleLineField(
        _("languages"),
        max_length=150,
        blank=True,
        validators=[reject_markup],
        help_text=_('E.g. "Deutsch, Englisch".'),
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Unticked: the advisor and their slots no longer appear on the website."),
    )

    objects = AdvisorQuerySet.as_manager()
    association_path = "association"

    class Meta:
        verbose_name = _("advisor")
        verbose_name_plural = _("advisors")
        ordering = ["name"]

    def __str__(self):
        return self.name


class SlotQuerySet(AssociationScopedQuerySet):
    def public(self):
        return self.filter(is_cancelled=False, advisor__is_active=True)

    def upcoming(self, now=None):
        return self.filter(starts_at__gt=now or timezone.now())

    def with_topic(self, topic):
        return self.filter(topics=topic)

    def of_mode(self, mode):
        return self.filter(mode=mode)

    def free(self):
        return self.exclude(bookings__status__in=Booking.ACTIVE_STATUSES)

    def bookable(self, now=None):
        """Slots a visitor may book now: public, in the future and not taken."""
        return self.public().upcoming(now).free()


class Slot(models.Model):
    """One appointment an advisor offers."""

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        PHONE = "phone", _("By phone")
        ONLINE = "online", _("Online")

    association = models.ForeignKey(
        Association,
        on_delete=models.PROTECT,
        related_name="consultation_slots",
        verbose_name=_("association"),
    )
    advisor = models.ForeignKey(
        Advisor, on_delete=models.PROTECT, related_name="slots", verbose_name=_("advisor")
    )
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    duration = models.PositiveSmallIntegerField(
        _("duration in minutes"),
        default=45,
        validators=[MinValueValidator(MIN_DURATION), MaxValueValidator(MAX_DURATION)],
    )
    mode = models.CharField(_("kind of consultation"), max_length=10, choices=Mode)
    address = SingleLineField(
        _("address"),
        max_length=300,
        blank=True,
        validators=[reject_markup],
        help_text=_("For consultations in person: where the consultation takes place."),
    )
    accessibility_note = SingleLineField(
        _("note on accessibility"),
        max_length=300,
        blank=True,
        validators=[reject_markup],
        help_text=_("E.g. step-free entrance, lift, accessible toilet."),
    )
    topics = models.ManyToManyField(
        Topic, related_name="slots", blank=True, verbose_name=_("topics")
    )
    is_cancelled = models.BooleanField(
        _("cancelled"),
        default=False,
        help_text=_("Cancelled slots are no longer offered. Cancel bookings separately."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = SlotQuerySet.as_manager()
    association_path = "association"

    class Meta:
        verbose_name = _("consultation slot")
        verbose_name_plural = _("consultation slots")
        ordering = ["starts_at", "pk"]
        constraints = [
            # A series created twice skips what exists instead of doubling it.
            models.UniqueConstraint(
                fields=["advisor", "starts_at"], name="beratung_one_slot_per_advisor_and_time"
            )
        ]

    def __str__(self):
        local = timezone.localtime(self.starts_at)
        return f"{local:%d.%m.%Y %H:%M} · {self.advisor}"

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.duration)

    @property
    def is_past(self):
        return self.starts_at <= timezone.now()

    def clean(self):
        super().clean()
        errors = {}
        if self.mode == self.Mode.IN_PERSON and not self.address.strip():
            errors["address"] = _("A consultation in person needs an address.")
        same = self.advisor_id and self.association_id
        if same and self.advisor.association_id != self.association_id:
            errors["advisor"] = _("The advisor belongs to another association.")
        if errors:
            raise ValidationError(errors)


class BookingQuerySet(StaffOnlyQuerySet):
    def active(self):
        return self.filter(status__in=Booking.ACTIVE_STATUSES)

    def due_for_deletion(self, now=None):
        now = now or timezone.now()
        return self.filter(slot__starts_at__lt=now - keep_bookings_for())


class Booking(models.Model):
    """A visitor's booking of one slot. Its question is for the booker and the
    association's staff only: never on a public page, never in a mail to anyone else."""

    class Status(models.TextChoices):
        BOOKED = "booked", _("Booked")
        CANCELLED = "cancelled", _("Cancelled")
        ATTENDED = "attended", _("Took place")
        NO_SHOW = "no_show", _("Did not turn up")

    ACTIVE_STATUSES = (Status.BOOKED, Status.ATTENDED, Status.NO_SHOW)

    slot = models.ForeignKey(
        Slot, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("slot")
    )
    name = SingleLineField(_("name"), max_length=150)
    email = EmailAddressField(_("e-mail address"), max_length=254)
    phone = SingleLineField(
        _("phone number"),
        max_length=40,
        blank=True,
        help_text=_("For consultations by phone: the advisor calls this number."),
    )
    topic = models.ForeignKey(
        Topic,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bookings",
        verbose_name=_("topic"),
    )
    question = MultiLineField(_("question"), max_length=text_limits.BOOKING_QUESTION, blank=True)
    consent_at = models.DateTimeField(_("consent given"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.BOOKED, db_index=True
    )
    # Part of every signed link: a new key makes the old links useless.
    link_key = models.UUIDField(default=uuid.uuid4, editable=False)
    language = models.CharField(_("language"), max_length=10, default="de", editable=False)
    # The mails waiting for their time, so that a cancellation can withdraw them.
    reminder_mail = models.ForeignKey(
        OutgoingMail, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    feedback_mail = models.ForeignKey(
        OutgoingMail, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("booked at"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    objects = BookingQuerySet.as_manager()
    association_path = "slot__association"

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["slot__starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["slot"],
                condition=Q(status__in=["booked", "attended", "no_show"]),
                name="beratung_one_active_booking_per_slot",
            )
        ]

    def __str__(self):
        return f"{self.slot} · {self.name}"

    @property
    def deletion_date(self):
        """When `purge_bookings` deletes this booking."""
        return timezone.localdate(self.slot.starts_at + keep_bookings_for())

    @property
    def is_active(self):
        return self.status in self.ACTIVE_STATUSES


class FeedbackQuerySet(AssociationScopedQuerySet):
    def public(self):
        return self.none()


class Feedback(models.Model):
    """A rating after a consultation. It outlives its booking without the booker's data,
    so the averages per advisor stay when bookings are deleted."""

    association = models.ForeignKey(
        Association,
        on_delete=models.PROTECT,
        related_name="consultation_feedback",
        verbose_name=_("association"),
    )
    advisor = models.ForeignKey(
        Advisor,
        on_delete=models.SET_NULL,
        null=True,
        related_name="feedback",
        verbose_name=_("advisor"),
    )
    booking = models.OneToOneField(
        Booking,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback",
        verbose_name=_("booking"),
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = MultiLineField(_("comment"), max_length=text_limits.FEEDBACK_COMMENT, blank=True)
    created_at = models.DateTimeField(_("given at"), auto_now_add=True)

    objects = FeedbackQuerySet.as_manager()
    association_path = "association"

    class Meta:
        verbose_name = _("feedback on a consultation")
        verbose_name_plural = _("feedback on consultations")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="beratung_rating_1_to_5"
            )
        ]

    def __str__(self):
        return f"{self.advisor} · {self.rating}/5"
