"""The admin of members' success reports, scoped to the staff member's association.

Decisions go through moderation.services (queue, bulk action), never through the change
form: status, publication date and decision are read-only there, so the audit log and the
member's e-mail cannot be skipped.
"""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from aktuelles.models import SuccessReport
from kern.admin_actions import publish_action
from medien.uploads import SafeImageField
from moderation import services
from moderation.admin_tools import ModerationActionInline
from verbaende.scoping import AssociationScopedAdmin


def approve_pending_report(report, staff_member):
    services.approve_report(report, staff_member, expected_status=SuccessReport.Status.PENDING)


class SuccessReportModerationInline(ModerationActionInline):
    """Who approved or declined the report, when and why."""

    fk_name = "success_report"


class SuccessReportAdminForm(forms.ModelForm):
    class Meta:
        model = SuccessReport
        fields = "__all__"  # noqa: DJ007 - the admin decides the fields through readonly_fields
        # Staff uploads are checked and re-encoded like the members' (medien.uploads).
        field_classes = {"image": SafeImageField}


@admin.register(SuccessReport)
class SuccessReportAdmin(AssociationScopedAdmin, admin.ModelAdmin):
    form = SuccessReportAdminForm
    list_display = ["title", "kind", "profile", "achieved_on", "status", "created_at"]
    list_filter = ["status", "kind", "profile__association"]
    search_fields = ["title", "description", "profile__name"]
    date_hierarchy = "created_at"
    list_select_related = ["profile"]
    autocomplete_fields = ["profile"]
    readonly_fields = [
        "status",
        "published_at",
        "decided_by",
        "decision_reason",
        "submitted_by",
        "created_at",
        "updated_at",
    ]
    inlines = [SuccessReportModerationInline]
    # The selection is already scoped to the staff member's association, so reports of
    # others are never touched.
    actions = [
        publish_action(
            description=_("Approve selected success reports"),
            publishable=lambda reports: reports.pending(),
            publish=approve_pending_report,
            published=ngettext_lazy(
                "%(count)d success report approved; the members have been notified.",
                "%(count)d success reports approved; the members have been notified.",
                "count",
            ),
            left_as_is=ngettext_lazy(
                "%(count)d success report was not waiting for review and stays as it is.",
                "%(count)d success reports were not waiting for review and stay as they are.",
                "count",
            ),
        )
    ]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            # Moving a report to another member's profile would credit them with it.
            fields.insert(0, "profile")
        return fields
