"""The admin of members' success reports, scoped to the staff member's association.

Decisions go through moderation.services (queue, bulk action), never through the change
form: status, publication date and decision are read-only there, so the audit log and the
member's e-mail cannot be skipped.
"""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from aktuelles.models import SuccessReport
from medien.uploads import SafeImageField
from moderation import services
from moderation.admin_tools import ModerationActionInline
from verbaende.scoping import AssociationScopedAdmin


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
    actions = ["approve_reports"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            # Moving a report to another member's profile would credit them with it.
            fields.insert(0, "profile")
        return fields

    @admin.action(description=_("Approve selected success reports"), permissions=["change"])
    def approve_reports(self, request, queryset):
        """Approves the pending reports of the selection; the queryset is already scoped to
        the staff member's association, so reports of others are never touched."""
        approved = 0
        for report in queryset.pending():
            try:
                services.approve_report(
                    report, request.user, expected_status=SuccessReport.Status.PENDING
                )
            except services.ModerationError as error:
                # Decided or deleted by someone else between the list and this click.
                self.message_user(request, error.message, messages.WARNING)
            else:
                approved += 1
        skipped = queryset.count() - approved
        if approved:
            self.message_user(
                request,
                ngettext(
                    "%(count)d success report approved; the members have been notified.",
                    "%(count)d success reports approved; the members have been notified.",
                    approved,
                )
                % {"count": approved},
                messages.SUCCESS,
            )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d success report was not waiting for review and stays as it is.",
                    "%(count)d success reports were not waiting for review and stay as they are.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )
        if not approved and not skipped:
            self.message_user(request, gettext("Nothing was selected."), messages.WARNING)
