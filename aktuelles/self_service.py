"""/mein-profil/<pk>/erfolge/: members report successes for their profile and see what their
association decided.

Scoped like the rest of the self-service (mitglieder.self_service.get_profile_for_editor):
404 for anyone who is not an editor of the profile, staff included; staff decide in the
moderation queue.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from aktuelles.models import SuccessReport
from aktuelles.self_service_forms import (
    MAX_PENDING_REPORTS,
    SuccessReportForm,
    too_many_pending_message,
)
from aktuelles.success_reports import TooManyPendingError, delete_report, submit_report
from mitglieder.self_service import get_profile_for_editor


def _list_url(profile, report=None):
    url = reverse("success_reports:list", kwargs={"pk": profile.pk})
    return f"{url}#erfolg-{report.pk}" if report is not None else url


@login_required
@require_http_methods(["GET", "POST"])
def report_list(request, pk):
    profile = get_profile_for_editor(request, pk)
    if request.method != "POST":
        return _render_list(request, profile, SuccessReportForm(profile=profile))

    form = SuccessReportForm(request.POST, request.FILES, profile=profile)
    if form.is_valid():
        try:
            report = submit_report(profile, form, request.user)
        except TooManyPendingError:
            form.add_error(None, too_many_pending_message())
        else:
            messages.success(
                request,
                _(
                    "Thank you! Your success report has been sent to %(association)s. It "
                    "appears on your profile once they have approved it."
                )
                % {"association": profile.association.short_name},
            )
            return redirect(_list_url(profile, report))
    # A chosen file is not sent again with the corrected form: say so next to the field.
    file_dropped = bool(request.FILES) and not form.has_error("image")
    return _render_list(request, profile, form, file_dropped=file_dropped)


def _render_list(request, profile, form, *, file_dropped=False):
    reports = list(profile.success_reports.order_by("-created_at", "-pk"))
    pending = sum(1 for report in reports if report.status == SuccessReport.Status.PENDING)
    return render(
        request,
        "aktuelles/self_service/success_reports.html",
        {
            "profile": profile,
            "reports": reports,
            "form": form,
            "file_dropped": file_dropped,
            "pending_count": pending,
            "max_pending": MAX_PENDING_REPORTS,
            # An error after posting explains itself; only an untouched form is replaced.
            "queue_full": pending >= MAX_PENDING_REPORTS and not form.is_bound,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_delete(request, pk, report_pk):
    profile = get_profile_for_editor(request, pk)
    report = get_object_or_404(SuccessReport, profile=profile, pk=report_pk)
    if request.method == "POST":
        delete_report(profile, report)
        messages.success(
            request,
            _("The success report “%(title)s” has been deleted.") % {"title": report.title},
        )
        return redirect(_list_url(profile))
    return render(
        request,
        "aktuelles/self_service/success_report_delete.html",
        {"profile": profile, "report": report},
    )
