"""The audit log of moderation: who approved, rejected, hid, reverted what, when and why."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kern import text_limits
from kern.fields import MultiLineField, SingleLineField
from verbaende.scoping import StaffOnlyQuerySet


class ModerationAction(models.Model):
    """One decision of a staff member. Rows are written by moderation.services only."""

    class Kind(models.TextChoices):
        APPROVE = "approve", _("Approved")
        REJECT = "reject", _("Rejected")
        HIDE = "hide", _("Hidden")
        UNHIDE = "unhide", _("Shown again")
        REVERT = "revert", _("Reverted to an earlier version")
        ACCEPT_REQUEST = "accept_request", _("Membership request accepted")
        REJECT_REQUEST = "reject_request", _("Membership request rejected")
        APPROVE_REPORT = "approve_report", _("Success report approved")
        REJECT_REPORT = "reject_report", _("Success report declined")
        APPROVE_LISTING = "approve_listing", _("Space listing published")
        REJECT_LISTING = "reject_listing", _("Space listing rejected")

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("staff member"),
    )
    action = models.CharField(_("action"), max_length=20, choices=Kind)
    profile = models.ForeignKey(
        "mitglieder.Profile",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderation_actions",
        verbose_name=_("profile"),
    )
    membership_request = models.ForeignKey(
        "mitglieder.MembershipRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderation_actions",
        verbose_name=_("membership request"),
    )
    success_report = models.ForeignKey(
        "aktuelles.SuccessReport",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderation_actions",
        verbose_name=_("success report"),
    )
    listing = models.ForeignKey(
        "raeume.Listing",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderation_actions",
        verbose_name=_("space listing"),
    )
    # Kept so the log stays readable after the profile or request is deleted.
    subject = SingleLineField(_("concerning"), max_length=150)
    association = models.ForeignKey(
        "verbaende.Association",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("association"),
    )
    reason = MultiLineField(_("reason"), max_length=text_limits.DECISION_REASON, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    objects = StaffOnlyQuerySet.as_manager()
    association_path = "association"

    class Meta:
        verbose_name = _("moderation decision")
        verbose_name_plural = _("moderation decisions")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()}: {self.subject}"


class ModerationQueue(models.Model):
    """No table: gives the moderation queue its place and permission in the admin."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("moderate", _("Can use the moderation queue"))]
        verbose_name = _("moderation queue")
        verbose_name_plural = _("moderation queue")

    def __str__(self):
        return str(self._meta.verbose_name)
