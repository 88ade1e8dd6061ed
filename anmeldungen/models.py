"""Registrations for events: the settings staff give an event, who registered, feedback.

Staff open registration per event (places, deadline, questions); visitors register on the
event page. When every place is taken, new registrations go on the waiting list, and a
cancellation gives its place to the first waiting. Registrations are personal data: they are
deleted a while after the event (`purge_registrations`), and the answers to the questions
are shown to the organising association's staff only. Feedback is kept apart from the
registration that gave it, without name or address, so it survives the deletion.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kern import text_limits
from kern.fields import EmailAddressField, MultiLineField, SingleLineField
from kern.validators import reject_markup
from postausgang.models import OutgoingMail
from veranstaltungen.models import Event
from verbaende.scoping import AssociationScopedQuerySet, StaffOnlyQuerySet

MAX_CAPACITY = 10_000
# Six months, unless REGISTRATION_RETENTION_DAYS says otherwise.
DEFAULT_RETENTION_DAYS = 183


def retention() -> timedelta:
    """How long after its event a registration is kept."""
    return timedelta(days=getattr(settings, "REGISTRATION_RETENTION_DAYS", DEFAULT_RETENTION_DAYS))


class RegistrationSettingsQuerySet(AssociationScopedQuerySet):
    def public(self):
        return self.filter(event__status=Event.Status.PUBLISHED)

    def with_closing_time(self):
        return self.annotate(closes_at=Coalesce("deadline", "event__starts_at"))

    def next_closing(self, now):
        """When the next open registration of a published event closes, or None."""
        return (
            self.public()
            .filter(is_open=True, event__is_cancelled=False)
            .with_closing_time()
            .filter(closes_at__gt=now)
            .order_by("closes_at")
            .values_list("closes_at", flat=True)
            .first()
        )


class RegistrationSettings(models.Model):
    """Whether and how an event takes registrations on this site."""

    event = models.OneToOneField(
        Event,
        on_delete=models.CASCADE,
        related_name="registration_settings",
        verbose_name=_("event"),
    )
    is_open = models.BooleanField(
        _("registration open"),
        default=True,
        help_text=_("Untick to close registration early; the event page then says so."),
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_CAPACITY)],
        help_text=_("When all places are taken, further registrations go on the waiting list."),
    )
    deadline = models.DateTimeField(
        _("registration deadline"),
        null=True,
        blank=True,
        help_text=_("Leave empty to take registrations until the event starts."),
    )
    ask_dietary_needs = models.BooleanField(_("ask for dietary needs"), default=False)
    ask_accessibility_needs = models.BooleanField(_("ask for accessibility needs"), default=False)
    question_1 = SingleLineField(
        _("own question"),
        max_length=200,
        blank=True,
        validators=[reject_markup],
        help_text=_("Optional, e.g. “Which topic would you like to talk about?”"),
    )
    question_2 = SingleLineField(
        _("second own question"), max_length=200, blank=True, validators=[reject_markup]
    )

    objects = RegistrationSettingsQuerySet.as_manager()
    association_path = "event__association"

    class Meta:
        verbose_name = _("registration settings")
        verbose_name_plural = _("registration settings")

    def __str__(self):
        return str(self.event)

    @property
    def closes_at(self):
        return self.deadline or self.event.starts_at

    def questions(self):
        """(field name, question) of the staff's own questions that are asked."""
        return [
            (name, question)
            for name, question in (("answer_1", self.question_1), ("answer_2", self.question_2))
            if question
        ]

    def clean(self):
        super().clean()
        event = getattr(self, "event", None)
        starts_at = event.starts_at if event is not None else None
        if self.deadline and starts_at and self.deadline > starts_at:
            raise ValidationError(
                {"deadline": _("The registration deadline must not be after the start.")}
            )


class RegistrationQuerySet(StaffOnlyQuerySet):
    def active(self):
        """Registrations that hold a place or wait for one."""
        return self.exclude(status=Registration.Status.CANCELLED)

    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def waitlisted(self):
        return self.filter(status=Registration.Status.WAITLISTED).order_by("created_at", "pk")

    def due_for_deletion(self, now=None):
        now = now or timezone.now()
        return self.filter(event__ends_at__lte=now - retention())


class Registration(models.Model):
    """One person's registration for one event, confirmed, waiting or cancelled."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Registered")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    # The signed links in the mails name this, never the row's number.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    name = SingleLineField(_("name"), max_length=150)
    # Stored in lower case, so that one address registers once (the constraint below).
    email = EmailAddressField(_("e-mail address"), max_length=254)
    status = models.CharField(_("status"), max_length=12, choices=Status, db_index=True)
    dietary_needs = SingleLineField(_("dietary needs"), max_length=300, blank=True)
    accessibility_needs = SingleLineField(_("accessibility needs"), max_length=300, blank=True)
    answer_1 = MultiLineField(
        _("answer to the own question"), max_length=text_limits.REGISTRATION_ANSWER, blank=True
    )
    answer_2 = MultiLineField(
        _("answer to the second own question"),
        max_length=text_limits.REGISTRATION_ANSWER,
        blank=True,
    )
    # Later mails (reminder, place freed, feedback) speak the language of the registration.
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="de"
    )
    attended = models.BooleanField(_("attended"), default=False)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    consented_at = models.DateTimeField(_("consent given at"))
    confirmed_at = models.DateTimeField(_("place confirmed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    feedback_given_at = models.DateTimeField(_("feedback given at"), null=True, blank=True)
    # Mails waiting in the outbox for later; dropped when the registration is cancelled.
    reminder_mail = models.ForeignKey(
        OutgoingMail, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    feedback_mail = models.ForeignKey(
        OutgoingMail, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = RegistrationQuerySet.as_manager()
    association_path = "event__association"

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~Q(status="cancelled"),
                name="one_active_registration_per_address",
            )
        ]
        indexes = [models.Index(fields=["event", "status", "created_at"])]

    def __str__(self):
        return f"{self.name} ({self.event})"

    @property
    def is_active(self):
        return self.status != self.Status.CANCELLED

    @property
    def deleted_on(self):
        """The day the purge removes this registration."""
        return timezone.localdate(self.event.ends_at + retention())


class FeedbackQuerySet(StaffOnlyQuerySet):
    pass


class Feedback(models.Model):
    """A rating after an event, kept without the name or address of who gave it."""

    RATINGS = [(n, str(n)) for n in range(1, 6)]

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("event")
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), choices=RATINGS, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = MultiLineField(_("comment"), max_length=text_limits.FEEDBACK_COMMENT, blank=True)
    created_at = models.DateTimeField(_("given at"), auto_now_add=True)

    objects = FeedbackQuerySet.as_manager()
    association_path = "event__association"

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.event}: {self.rating}"
