from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from aktuelles.models import SuccessReport
from mitglieder.models import MembershipRequest, Profile
from moderation import (
    admin_listings,  # noqa: F401 - registers the space listing admin
    admin_profiles,  # noqa: F401 - registers the profile and membership request admins
    admin_success_reports,  # noqa: F401 - registers the success report admin
    services,
)
from moderation.models import ModerationAction, ModerationQueue
from moderation.queue import queue_context
from raeume.models import Listing
from verbaende.scoping import AssociationScopedAdmin

PROFILE_DECISIONS = {"approve", "reject", "hide", "unhide"}
REQUEST_DECISIONS = {"accept", "reject"}
REPORT_DECISIONS = {"approve", "reject"}
LISTING_DECISIONS = {"publish", "reject"}


@admin.register(ModerationAction)
class ModerationActionAdmin(AssociationScopedAdmin, admin.ModelAdmin):
    """The audit log: read-only, scoped like the profiles it is about."""

    list_display = ["created_at", "action", "subject", "association", "actor", "reason"]
    list_filter = ["action", "association"]
    search_fields = ["subject", "reason", "actor__email", "actor__full_name"]
    date_hierarchy = "created_at"
    list_select_related = ["actor", "association"]
    fields = readonly_fields = [
        "created_at",
        "action",
        "subject",
        "profile",
        "membership_request",
        "success_report",
        "listing",
        "association",
        "actor",
        "reason",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ModerationQueue)
class ModerationQueueAdmin(admin.ModelAdmin):
    """The moderation queue at /admin/moderation/moderationqueue/ (no table of its own)."""

    def has_module_permission(self, request):
        return self._may_moderate(request)

    def has_view_permission(self, request, obj=None):
        return self._may_moderate(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_model_perms(self, request):
        return {"view": self._may_moderate(request)}

    def _may_moderate(self, request):
        user = request.user
        return user.is_active and user.is_staff and user.has_perm("moderation.moderate")

    def get_urls(self):
        return [
            path(
                "",
                self.admin_site.admin_view(self.queue_view),
                name="moderation_moderationqueue_changelist",
            ),
            path(
                "entscheiden/",
                self.admin_site.admin_view(require_POST(self.decide_view)),
                name="moderation_moderationqueue_decide",
            ),
        ]

    def _related_admin(self, model):
        return self.admin_site._registry[model]

    def queue_view(self, request):
        if not self._may_moderate(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            **queue_context(request.user),
            "title": _("Moderation queue"),
            "opts": self.model._meta,
            "next": reverse("admin:moderation_moderationqueue_changelist"),
        }
        return render(request, "admin/moderation/queue.html", context)

    def decide_view(self, request):
        """Carries out one decision posted from the queue or a profile's moderation page."""
        if not self._may_moderate(request):
            raise PermissionDenied
        target = request.POST.get("target")
        decision = request.POST.get("decision")
        if target == "profile" and decision in PROFILE_DECISIONS:
            result = self._decide_profile(request, decision)
        elif target == "request" and decision in REQUEST_DECISIONS:
            result = self._decide_request(request, decision)
        elif target == "report" and decision in REPORT_DECISIONS:
            result = self._decide_report(request, decision)
        elif target == "listing" and decision in LISTING_DECISIONS:
            result = self._decide_listing(request, decision)
        else:
            raise Http404
        try:
            message = result()
        except services.ModerationError as error:
            self.message_user(request, error.message, messages.ERROR)
        else:
            self.message_user(request, message, messages.SUCCESS)
        return redirect(self._next_url(request))

    def _next_url(self, request):
        url = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure()):
            return url
        return reverse("admin:moderation_moderationqueue_changelist")

    def _scoped(self, request, model):
        model_admin = self._related_admin(model)
        obj = model_admin.get_object(request, request.POST.get("pk", ""))
        if obj is None:
            raise Http404
        if not model_admin.has_change_permission(request, obj):
            raise PermissionDenied
        return obj

    def _decide_profile(self, request, decision):
        profile = self._scoped(request, Profile)
        actor = request.user
        reason = request.POST.get("reason", "")
        expected = {
            "expected_version": request.POST.get("expected_version") or None,
            "expected_status": request.POST.get("expected_status") or None,
        }
        if expected["expected_version"] is not None and not expected["expected_version"].isdigit():
            raise Http404
        name = profile.name

        was_published = profile.status == Profile.Status.PUBLISHED

        def run():
            if decision == "approve":
                services.approve(profile, actor, **expected)
                if was_published:
                    # Marking a published profile's changes as reviewed publishes nothing.
                    return _("The changes to “%(name)s” are marked as reviewed.") % {"name": name}
                return _("“%(name)s” has been approved and is published.") % {"name": name}
            if decision == "reject":
                services.reject(profile, actor, reason, **expected)
                return _("“%(name)s” has been rejected; the member has been notified.") % {
                    "name": name
                }
            if decision == "hide":
                services.hide(profile, actor, reason, **expected)
                return _("“%(name)s” is hidden and no longer on the website.") % {"name": name}
            services.unhide(profile, actor, **expected)
            return _("“%(name)s” is visible again.") % {"name": name}

        return run

    def _decide_request(self, request, decision):
        membership = self._scoped(request, MembershipRequest)
        actor = request.user
        reason = request.POST.get("reason", "")
        name = membership.name

        def run():
            if decision == "accept":
                services.accept_request(membership, actor)
                return _("The request of “%(name)s” has been accepted; the invitation is sent.") % {
                    "name": name
                }
            services.reject_request(membership, actor, reason)
            return _("The request of “%(name)s” has been rejected; the applicant is notified.") % {
                "name": name
            }

        return run

    def _decide_report(self, request, decision):
        report = self._scoped(request, SuccessReport)
        actor = request.user
        reason = request.POST.get("reason", "")
        expected_status = request.POST.get("expected_status") or None
        title = report.title

        def run():
            if decision == "approve":
                services.approve_report(report, actor, expected_status=expected_status)
                return _(
                    "The success report “%(title)s” has been approved; the member has been "
                    "notified."
                ) % {"title": title}
            services.reject_report(report, actor, reason, expected_status=expected_status)
            return _(
                "The success report “%(title)s” has been declined; the member has been notified."
            ) % {"title": title}

        return run

    def _decide_listing(self, request, decision):
        listing = self._scoped(request, Listing)
        actor = request.user
        reason = request.POST.get("reason", "")
        expected_status = request.POST.get("expected_status") or None
        title = listing.title

        def run():
            if decision == "publish":
                was_published = listing.status == Listing.Status.PUBLISHED
                services.publish_listing(listing, actor, expected_status=expected_status)
                if was_published:
                    return _("The changes to “%(title)s” are marked as reviewed.") % {
                        "title": title
                    }
                return _("The listing “%(title)s” is published; the poster has been notified.") % {
                    "title": title
                }
            services.reject_listing(listing, actor, reason, expected_status=expected_status)
            return _("The listing “%(title)s” has been rejected; the poster has been notified.") % {
                "title": title
            }

        return run
