"""The member import in the admin: upload (the "add" page), preview with row-by-row checks
and confirmation (the run's page while it waits), then the report (the same page after the
import). Regional staff import into their own association, the Landesverband into any
regional one; another association's runs do not exist for them (404)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from einlesen import services
from einlesen.checking import Outcome, check_rows
from einlesen.columns import COLUMNS
from einlesen.models import ImportRun
from einlesen.reading import MAX_FILE_BYTES, MAX_ROWS, UnreadableFile
from kern.spreadsheet import csv_response
from mitglieder.duplicates import pairs_for, visible_ids
from verbaende.scoping import AssociationScopedAdmin, visible_associations

# Rows without anything to say that the preview lists; the counts cover the rest.
PREVIEW_CLEAN_ROWS = 100


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Member list"),
        help_text=_("CSV (semicolons or commas) or Excel workbook (.xlsx), at most 5 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".csv,.txt,.xlsx,text/csv,application/vnd.ms-excel"}
        ),
    )
    association = forms.ModelChoiceField(queryset=None, label=_("Import into"), empty_label=None)

    def __init__(self, *args, associations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["association"].queryset = associations
        if associations.count() == 1:
            # Regional staff import into their own association only.
            del self.fields["association"]
            self.association = associations.get()


class ConfirmForm(forms.Form):
    send_invitations = forms.BooleanField(
        label=_("Invite the imported members by e-mail to set up their profiles"),
        required=False,
    )
    include_possible_duplicates = forms.BooleanField(
        label=_("Also import the rows marked as possible duplicates"), required=False
    )


@admin.register(ImportRun)
class ImportRunAdmin(AssociationScopedAdmin, admin.ModelAdmin):
    list_display = ["filename", "association", "status", "created_by", "created_at", "imported_at"]
    list_filter = ["status", "association"]
    list_select_related = ["association", "created_by"]
    date_hierarchy = "created_at"

    def _associations(self, request):
        return visible_associations(request.user).regional()

    def has_add_permission(self, request):
        return super().has_add_permission(request) and self._associations(request).exists()

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path(
                "vorlage.csv",
                self.admin_site.admin_view(self.template_view),
                name="einlesen_importrun_template",
            ),
            *super().get_urls(),
        ]

    def template_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        return csv_response(
            "mitgliederliste-vorlage.csv",
            [column.header for column in COLUMNS],
            [[column.example for column in COLUMNS]],
        )

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        associations = self._associations(request)
        posted = request.method == "POST"
        form = UploadForm(
            request.POST if posted else None,
            request.FILES if posted else None,
            associations=associations,
        )
        if request.method == "POST" and form.is_valid():
            association = getattr(form, "association", None) or form.cleaned_data["association"]
            try:
                run = services.start_run(form.cleaned_data["file"], association, request.user)
            except UnreadableFile as error:
                form.add_error("file", error.message)
            else:
                return redirect("admin:einlesen_importrun_change", run.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import a member list"),
            "form": form,
            "columns": COLUMNS,
            "max_rows": MAX_ROWS,
            "max_mb": MAX_FILE_BYTES // (1024 * 1024),
            "opts": self.model._meta,
        }
        return render(request, "admin/einlesen/importrun/upload.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        run = self.get_object(request, object_id)
        if run is None:
            raise Http404
        if not self.has_view_permission(request, run):
            raise PermissionDenied
        if run.status == ImportRun.Status.DONE:
            return self._report(request, run)
        return self._preview(request, run)

    def _preview(self, request, run):
        form = ConfirmForm(request.POST if request.method == "POST" else None)
        if request.method == "POST":
            if not self.has_add_permission(request):
                raise PermissionDenied
            if form.is_valid():
                try:
                    done = services.import_run(run, request.user, **form.cleaned_data)
                except services.ImportRefused as error:
                    self.message_user(request, error.message, messages.ERROR)
                else:
                    self.message_user(request, _import_message(done), messages.SUCCESS)
                return redirect("admin:einlesen_importrun_change", run.pk)
        rows = check_rows(run.rows, run.association)
        visible_profiles, visible_requests = visible_ids(
            request.user, [m for row in rows for m in row.matches]
        )
        for row in rows:
            row.pairs, row.hidden_matches = pairs_for(
                row.matches, visible_profiles, visible_requests
            )
        counts = dict.fromkeys(Outcome.ORDER, 0)
        for row in rows:
            counts[row.outcome] += 1
        noteworthy = [r for r in rows if r.outcome != Outcome.NEW or r.warnings]
        clean = [r for r in rows if r.outcome == Outcome.NEW and not r.warnings]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Check the member list “%(name)s”") % {"name": run.filename},
            "run": run,
            "form": form,
            "counts": [(Outcome.LABELS[o], counts[o], o) for o in Outcome.ORDER],
            "noteworthy": sorted(
                noteworthy, key=lambda r: (Outcome.ORDER.index(r.outcome), r.line)
            ),
            "clean": clean[:PREVIEW_CLEAN_ROWS],
            "clean_hidden": max(0, len(clean) - PREVIEW_CLEAN_ROWS),
            "importable": counts[Outcome.NEW],
            "may_import": self.has_add_permission(request),
            "opts": self.model._meta,
        }
        return render(request, "admin/einlesen/importrun/preview.html", context)

    def _report(self, request, run):
        labels = {**Outcome.LABELS, "imported": _("Imported")}
        rows = [
            {**row, "label": labels.get(row["outcome"], row["outcome"])}
            for row in run.report.get("rows", [])
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Member list “%(name)s”: report") % {"name": run.filename},
            "run": run,
            "rows": rows,
            "opts": self.model._meta,
            "drafts_url": reverse("admin:mitglieder_profile_changelist") + "?status__exact=draft",
        }
        return render(request, "admin/einlesen/importrun/report.html", context)


def _outcome_order(row):
    return Outcome.ORDER.index(row.outcome), row.line


def _import_message(run):
    imported, invited = run.report["imported"], run.report["invited"]
    message = ngettext(
        "%(count)d member imported as a draft profile.",
        "%(count)d members imported as draft profiles.",
        imported,
    ) % {"count": imported}
    if invited:
        message += " " + ngettext(
            "%(count)d invitation is being sent.",
            "%(count)d invitations are being sent.",
            invited,
        ) % {"count": invited}
    return message
