"""Admin building blocks shared by the member, account and moderation admins."""

from django import forms
from django.contrib import admin
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kern import text_limits
from kern.forms import MultiLineFormField
from kern.formsets import BoundedInlineFormSet
from kern.spreadsheet import csv_response
from kern.validators import MULTI_LINE_VALIDATORS
from moderation.models import ModerationAction
from teilmaerkte.models import Discipline


class ModerationActionInline(admin.TabularInline):
    """The audit log of one profile, read-only, newest first."""

    model = ModerationAction
    fk_name = "profile"
    formset = BoundedInlineFormSet
    extra = 0
    can_delete = False
    fields = readonly_fields = ["created_at", "action", "actor", "reason"]
    verbose_name_plural = _("moderation decisions")
    ordering = ["-created_at", "-pk"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RequestModerationActionInline(ModerationActionInline):
    fk_name = "membership_request"


class ReasonForm(forms.Form):
    reason = MultiLineFormField(
        label=_("Reason"),
        max_length=text_limits.DECISION_REASON,
        validators=[*MULTI_LINE_VALIDATORS],
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_("The member receives it by e-mail."),
    )


CSV_COLUMNS = [
    (_("Name"), lambda p: p.name),
    (_("Kind"), lambda p: p.get_kind_display()),
    (_("Place"), lambda p: p.municipality.name),
    (_("District"), lambda p: p.municipality.district.name),
    (_("Association"), lambda p: p.association.short_name if p.association else ""),
    (_("Status"), lambda p: p.get_status_display()),
    (_("Disciplines"), lambda p: ", ".join(d.name for d in p.disciplines.all())),
    (_("Website"), lambda p: p.website),
    (
        _("First published"),
        lambda p: timezone.localtime(p.published_at).strftime("%d.%m.%Y") if p.published_at else "",
    ),
    (_("Contact e-mail"), lambda p: p.contact_email),
    (_("Phone"), lambda p: p.phone),
    (_("Editors"), lambda p: ", ".join(u.email for u in p.owners.all())),
]


def profiles_csv_response(queryset, *, editors, filename="mitglieder.csv"):
    """The profiles as CSV for Excel (UTF-8 with BOM, semicolons).

    This is the association's own member administration, so it includes the contact
    e-mail address and phone number regardless of their public visibility: staff may see
    them. The queryset comes from the scoped admin, so regional staff export only their
    association's members; `editors` are the accounts the staff member may see (an editor
    outside them, a superuser say, is left out of the Editors column).
    """
    profiles = queryset.select_related("municipality__district", "association").prefetch_related(
        Prefetch("owners", queryset=editors.order_by("email")),
        Prefetch("disciplines", queryset=Discipline.objects.order_by("name")),
    )
    return csv_response(
        filename,
        [label for label, _value in CSV_COLUMNS],
        (
            [value(profile) for _label, value in CSV_COLUMNS]
            for profile in profiles.order_by("name", "pk")
        ),
    )
