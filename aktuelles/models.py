"""News by the associations and success reports by members: the two kinds of entries in
the news stream (see aktuelles.stream)."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from kern import text_limits
from kern.fields import MultiLineField, SingleLineField, WebAddressField
from kern.rendered_markdown import (
    RenderedMarkdownField,
    RenderedMarkdownQuerySet,
    StoresRenderedMarkdown,
)
from kern.text import unique_slug
from kern.validators import reject_markup
from mitglieder.models import Profile
from teilmaerkte.models import Submarket
from verbaende.models import Association
from verbaende.scoping import AssociationScopedQuerySet, MemberContentQuerySet

# Success reports tell of recent or lasting achievements; a date outside this range is a
# typing mistake ("2204", "1024"), not an achievement.
EARLIEST_ACHIEVEMENT = datetime.date(1950, 1, 1)
ACHIEVEMENT_MAX_DAYS_AHEAD = 366


class NewsQuerySet(RenderedMarkdownQuerySet, AssociationScopedQuerySet):
    """An association's news are its own articles, the Landesverband's included."""

    def public(self):
        return self.published()

    def published(self, now=None):
        """News the public may read: released by staff and due (scheduled ones wait)."""
        return self.filter(status=NewsItem.Status.PUBLISHED, publish_at__lte=now or timezone.now())

    def in_submarket(self, submarket):
        return self.filter(submarkets=submarket)


class NewsItem(StoresRenderedMarkdown, models.Model):
    """A news article written by the staff of one association."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published (from the publish date on)")

    association = models.ForeignKey(
        Association, on_delete=models.PROTECT, related_name="news", verbose_name=_("association")
    )
    title = SingleLineField(_("title"), max_length=150, validators=[reject_markup])
    slug = models.SlugField(_("web address"), unique=True, max_length=90, blank=True)
    teaser = MultiLineField(
        _("teaser"),
        max_length=text_limits.NEWS_TEASER,
        validators=[reject_markup],
        help_text=_("Two or three sentences for lists and feeds, at most 400 characters."),
    )
    body = MultiLineField(
        _("text"),
        max_length=text_limits.NEWS_BODY,
        blank=True,
        validators=[reject_markup],
        help_text=_("Markdown is allowed."),
    )
    body_html = RenderedMarkdownField(source="body")
    image = models.ImageField(_("image"), upload_to="news/", blank=True)
    image_alt = SingleLineField(
        _("image description"),
        max_length=250,
        blank=True,
        validators=[reject_markup],
        help_text=_("What the image shows, for people who cannot see it. Required with an image."),
    )
    image_renditions = models.JSONField(default=list, editable=False)
    submarkets = models.ManyToManyField(
        Submarket, related_name="news", blank=True, verbose_name=_("submarkets")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.DRAFT, db_index=True
    )
    publish_at = models.DateTimeField(
        _("publish date"),
        default=timezone.now,
        help_text=_("A date in the future schedules the article: it appears from then on."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = NewsQuerySet.as_manager()
    association_path = "association"

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news")
        ordering = ["-publish_at", "-pk"]
        indexes = [models.Index(fields=["status", "publish_at"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(NewsItem, self.title, instance_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("aktuelles:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.image and not self.image_alt.strip():
            raise ValidationError(
                {"image_alt": _("Please describe the image for people who cannot see it.")}
            )

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED and self.publish_at <= timezone.now()


class SuccessReportQuerySet(MemberContentQuerySet):
    """A regional association's success reports are its members'; the Landesverband's are
    every member's."""

    def public(self):
        return self.approved()

    def approved(self):
        """Reports the public sees: approved by staff, on a profile the public may open."""
        return self.filter(status=SuccessReport.Status.APPROVED, profile__status="published")

    def pending(self):
        return self.filter(status=SuccessReport.Status.PENDING)

    def in_submarket(self, submarket):
        """Reports of members working in the submarket, whatever the report is about."""
        return self.filter(profile__in=Profile.objects.in_submarket(submarket).values("pk"))


class SuccessReport(models.Model):
    """An achievement a member reports for their profile; public once staff approve it."""

    class Kind(models.TextChoices):
        AWARD = "award", _("Award")
        NOMINATION = "nomination", _("Nomination")
        LAUNCH = "launch", _("Launch or release")
        EXHIBITION = "exhibition", _("Exhibition")
        PROJECT = "project", _("Project")
        PRESS = "press", _("Press coverage")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        APPROVED = "approved", _("Published")
        REJECTED = "rejected", _("Declined")

    profile = models.ForeignKey(
        "mitglieder.Profile",
        on_delete=models.CASCADE,
        related_name="success_reports",
        verbose_name=_("profile"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind)
    title = SingleLineField(
        _("title"),
        max_length=150,
        validators=[reject_markup],
        help_text=_("For example: Nominated for the German Design Award 2027."),
    )
    achieved_on = models.DateField(_("date"), help_text=_("When it happened or was announced."))
    evidence_url = WebAddressField(
        _("link as evidence"),
        max_length=300,
        help_text=_("A page that confirms it: the jury's list, the press article, the shop."),
    )
    description = MultiLineField(
        _("a few words about it"),
        max_length=text_limits.SUCCESS_REPORT_DESCRIPTION,
        blank=True,
        validators=[reject_markup],
    )
    image = models.ImageField(_("image"), upload_to="success-reports/", blank=True)
    image_alt = SingleLineField(
        _("image description"), max_length=250, blank=True, validators=[reject_markup]
    )
    image_renditions = models.JSONField(default=list, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.PENDING, db_index=True
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="success_reports",
        verbose_name=_("submitted by"),
    )
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decision_reason = MultiLineField(
        _("reason for declining"), max_length=text_limits.DECISION_REASON, blank=True
    )

    objects = SuccessReportQuerySet.as_manager()
    association_path = "profile__association"

    class Meta:
        verbose_name = _("success report")
        verbose_name_plural = _("success reports")
        ordering = ["-achieved_on", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{self.profile.get_absolute_url()}#erfolg-{self.pk}"

    def clean(self):
        super().clean()
        errors = {}
        if self.achieved_on is not None:
            latest = timezone.localdate() + datetime.timedelta(days=ACHIEVEMENT_MAX_DAYS_AHEAD)
            if not EARLIEST_ACHIEVEMENT <= self.achieved_on <= latest:
                errors["achieved_on"] = _(
                    "Please check the date: it must lie between %(earliest)s and %(latest)s."
                ) % {
                    "earliest": date_format(EARLIEST_ACHIEVEMENT, "SHORT_DATE_FORMAT"),
                    "latest": date_format(latest, "SHORT_DATE_FORMAT"),
                }
        if self.image and not self.image_alt.strip():
            errors["image_alt"] = _("Please describe the image for people who cannot see it.")
        if errors:
            raise ValidationError(errors)

    @property
    def association(self):
        return self.profile.association

    @property
    def association_id(self):
        # ModerationAction records the association of what a decision was about.
        return self.profile.association_id
