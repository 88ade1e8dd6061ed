"""The Kooperationsbörse: members' calls for partners ("Suchen Partner für …") and offers
("Bieten …"), for some Teilmärkte, in one place or all of Saxony, until a deadline.

A call belongs to the member's profile, and so to the profile's association: that
association's staff may hide it. Members are known to the associations, so calls go
online at once (unlike space listings, which anyone with an account may post).
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kern.fields import MultiLineField, SingleLineField
from verbaende.scoping import MemberContentQuerySet

# A call without a deadline stays up this long; renewing starts the period again.
CALL_LIFETIME_DAYS = 90


class CallQuerySet(MemberContentQuerySet):
    def public(self):
        """Published, of a published profile, and neither past its deadline nor expired."""
        today = timezone.localdate()
        return self.filter(
            status=Call.Status.PUBLISHED,
            profile__status="published",
            expires_on__gte=today,
        ).filter(Q(deadline__isnull=True) | Q(deadline__gte=today))

    def of_profile(self, profile):
        return self.filter(profile=profile)

    def of_direction(self, direction):
        return self.filter(direction=direction)

    def in_submarket(self, submarket):
        return self.filter(submarkets=submarket)

    def in_district(self, district):
        """Calls in a place of `district`, and those for all of Saxony."""
        return self.filter(Q(municipality__district=district) | Q(municipality__isnull=True))

    def in_municipality(self, municipality):
        """Calls in `municipality`, and those for all of Saxony."""
        return self.filter(Q(municipality=municipality) | Q(municipality__isnull=True))

    def newest_first(self):
        return self.order_by("-published_at", "-pk")

    def by_deadline(self):
        """Soonest deadline first; calls without one after those with one."""
        return self.order_by(models.F("deadline").asc(nulls_last=True), "-published_at", "-pk")

    def editable_by(self, user):
        """The calls of the profiles `user` edits in self-service."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(profile__owners=user)


class Call(models.Model):
    class Direction(models.TextChoices):
        SEEKING = "seeking", _("Seeking partners")
        OFFERING = "offering", _("Offering")

    class Status(models.TextChoices):
        PUBLISHED = "published", _("Published")
        CLOSED = "closed", _("Closed by the member")
        HIDDEN = "hidden", _("Hidden by staff")

    direction = models.CharField(_("call"), max_length=10, choices=Direction)
    title = SingleLineField(_("title"), max_length=150)
    description = MultiLineField(_("description"), max_length=3000)
    profile = models.ForeignKey(
        "mitglieder.Profile",
        on_delete=models.CASCADE,
        related_name="calls",
        verbose_name=_("profile"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="calls",
        verbose_name=_("written by"),
    )
    submarkets = models.ManyToManyField(
        "sparten.Submarket", related_name="calls", verbose_name=_("Teilmärkte")
    )
    # Empty: all of Saxony.
    municipality = models.ForeignKey(
        "verbaende.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="calls",
        verbose_name=_("place"),
        help_text=_("Leave empty for all of Saxony."),
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PUBLISHED)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    expires_on = models.DateField(_("expires on"))

    objects = CallQuerySet.as_manager()
    association_path = "profile__association"

    class Meta:
        verbose_name = _("cooperation call")
        verbose_name_plural = _("cooperation calls")
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "expires_on"], name="kooperationen_call_browse"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("kooperationen:detail", kwargs={"pk": self.pk})

    @property
    def is_public(self):
        today = timezone.localdate()
        return (
            self.status == self.Status.PUBLISHED
            and self.expires_on >= today
            and (self.deadline is None or self.deadline >= today)
        )

    def start_lifetime(self, today=None):
        """Up until the deadline, or CALL_LIFETIME_DAYS from today without one."""
        today = today or timezone.localdate()
        self.expires_on = self.deadline or today + datetime.timedelta(days=CALL_LIFETIME_DAYS)
