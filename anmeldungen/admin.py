"""Registrations in the admin, scoped like everything of an association: the settings as an
inline of the event, the participants with CSV export and a printable check-in list,
feedback with its averages. Staff of another association see none of it."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Avg, Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from anmeldungen import services
from anmeldungen.models import Feedback, Registration, RegistrationSettings, retention
from kern.admin_actions import Refused as ActionRefused
from kern.admin_actions import change_each
from kern.spreadsheet import csv_response
from veranstaltungen.admin import EventAdmin
from veranstaltungen.models import Event
from verbaende.scoping import AssociationScopedAdmin


class RegistrationSettingsInline(admin.StackedInline):
    model = RegistrationSettings
    can_delete = True
    extra = 0
    max_num = 1
    verbose_name = _("registration on this site")
    verbose_name_plural = _("registration on this site")
    fields = [
        "is_open",
        "capacity",
        "deadline",
        "ask_dietary_needs",
        "ask_accessibility_needs",
        "question_1",
        "question_2",
        "overview",
    ]
    readonly_fields = ["overview"]

    @admin.display(description=_("Participants"))
    def overview(self, registration_settings):
        if registration_settings is None or registration_settings.pk is None:
            return _("Registrations appear here once the event is saved with registration.")
        event = registration_settings.event
        counts = Registration.objects.filter(event=event).aggregate(
            confirmed=Count("pk", filter=Q(status=Registration.Status.CONFIRMED)),
            waiting=Count("pk", filter=Q(status=Registration.Status.WAITLISTED)),
        )
        deleted_on = timezone.localdate(event.ends_at + retention())
        return format_html(
            "{} · {}<br>{}<br>{}",
            _("%(count)d of %(capacity)d places taken")
            % {"count": counts["confirmed"], "capacity": registration_settings.capacity},
            _("%(count)d on the waiting list") % {"count": counts["waiting"]},
            format_html_join(
                " · ",
                '<a href="{}">{}</a>',
                [
                    (
                        reverse("admin:anmeldungen_registration_changelist") + f"?event={event.pk}",
                        _("Participant list"),
                    ),
                    (
                        reverse("admin:anmeldungen_registration_checkin", args=[event.pk]),
                        _("Check-in list"),
                    ),
                    (
                        reverse("admin:anmeldungen_registration_csv", args=[event.pk]),
                        _("CSV export"),
                    ),
                ],
            ),
            _("Registrations are deleted automatically on %(date)s.")
            % {"date": formats.date_format(deleted_on, "DATE_FORMAT")},
        )


admin.site.unregister(Event)


@admin.register(Event)
class EventWithRegistrationAdmin(EventAdmin):
    """The events' admin, scoped as before, with the registration settings as an inline."""

    inlines = [*EventAdmin.inlines, RegistrationSettingsInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        event_id = form.instance.pk
        # More places, or registration reopened: the waiting list moves up.
        transaction.on_commit(lambda: services.settings_changed(event_id))


class EventFilter(admin.SimpleListFilter):
    """The events with registration that the staff member may see, newest first."""

    title = _("event")
    parameter_name = "event"

    def lookups(self, request, model_admin):
        events = (
            Event.objects.visible_to(request.user)
            .filter(registration_settings__isnull=False)
            .order_by("-starts_at")
        )
        return [
            (
                event.pk,
                f"{event.title} ({formats.date_format(timezone.localdate(event.starts_at))})",
            )
            for event in events[:100]
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if not value.isdigit():
            return queryset.none()
        return queryset.filter(event=int(value))


CSV_HEADER = [
    _("Event"),
    _("Name"),
    _("E-mail address"),
    _("Status"),
    _("Registered at"),
    _("Dietary needs"),
    _("Accessibility needs"),
    _("Answer 1"),
    _("Answer 2"),
    _("Attended"),
    _("Deleted on"),
]


def _when(moment):
    return timezone.localtime(moment).strftime("%d.%m.%Y %H:%M") if moment else ""


def _csv_rows(registrations):
    for registration in registrations.select_related("event"):
        yield [
            registration.event.title,
            registration.name,
            registration.email,
            registration.get_status_display(),
            _when(registration.created_at),
            registration.dietary_needs,
            registration.accessibility_needs,
            registration.answer_1,
            registration.answer_2,
            _("yes") if registration.attended else _("no"),
            registration.deleted_on.strftime("%d.%m.%Y"),
        ]


@admin.register(Registration)
class RegistrationAdmin(AssociationScopedAdmin, admin.ModelAdmin):
    list_display = ["name", "event", "status", "attended", "created_at", "deleted_on"]
    list_filter = [EventFilter, "status", "attended"]
    search_fields = ["name", "email", "event__title"]
    list_select_related = ["event"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "event",
        "name",
        "email",
        "status",
        "dietary_needs",
        "accessibility_needs",
        "answer_1",
        "answer_2",
        "language",
        "created_at",
        "consented_at",
        "confirmed_at",
        "cancelled_at",
        "feedback_given_at",
        "deleted_on",
    ]
    fields = ["attended", *readonly_fields]
    actions = ["mark_attended", "mark_not_attended", "cancel_registrations", "export_csv"]

    def has_add_permission(self, request):
        # Registrations come from the public form only.
        return False

    def has_delete_permission(self, request, obj=None):
        # Cancel instead (the place goes to the waiting list); the purge deletes.
        return False

    @admin.display(description=_("deleted on"))
    def deleted_on(self, registration):
        return registration.deleted_on

    def get_urls(self):
        return [
            path(
                "checkin/<int:event_id>/",
                self.admin_site.admin_view(self.checkin_view),
                name="anmeldungen_registration_checkin",
            ),
            path(
                "csv/<int:event_id>/",
                self.admin_site.admin_view(self.csv_view),
                name="anmeldungen_registration_csv",
            ),
            *super().get_urls(),
        ]

    def _event_for(self, request, event_id):
        """The event, if the staff member may see its registrations; 404 otherwise."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        return get_object_or_404(Event.objects.visible_to(request.user), pk=event_id)

    def checkin_view(self, request, event_id):
        event = self._event_for(request, event_id)
        registrations = self.get_queryset(request).filter(event=event)
        if request.method == "POST":
            if not self.has_change_permission(request):
                raise PermissionDenied
            chosen = request.POST.get("registration", "")
            registration = get_object_or_404(
                registrations.confirmed(), pk=int(chosen) if chosen.isdigit() else 0
            )
            attended = request.POST.get("attended") == "1"
            services.set_attended(registrations.filter(pk=registration.pk), attended)
            return redirect(request.path + f"#registration-{registration.pk}")
        context = {
            **self.admin_site.each_context(request),
            "title": _("Check-in list: %(title)s") % {"title": event.title},
            "opts": self.model._meta,
            "event": event,
            "confirmed": registrations.confirmed().order_by("name", "pk"),
            "waiting": registrations.waitlisted(),
            "can_change": self.has_change_permission(request),
        }
        return render(request, "admin/anmeldungen/checkin.html", context)

    def csv_view(self, request, event_id):
        event = self._event_for(request, event_id)
        registrations = self.get_queryset(request).filter(event=event).active()
        return csv_response(f"anmeldungen-{event.slug}.csv", CSV_HEADER, _csv_rows(registrations))

    @admin.action(description=_("Export as CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        return csv_response(
            "anmeldungen.csv", CSV_HEADER, _csv_rows(queryset.order_by("event", "name"))
        )

    @admin.action(description=_("Mark as attended"), permissions=["change"])
    def mark_attended(self, request, queryset):
        count = services.set_attended(queryset, True)
        self.message_user(
            request,
            ngettext_lazy(
                "%(count)d registration marked as attended.",
                "%(count)d registrations marked as attended.",
                "count",
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Mark as not attended"), permissions=["change"])
    def mark_not_attended(self, request, queryset):
        count = services.set_attended(queryset, False)
        self.message_user(
            request,
            ngettext_lazy(
                "%(count)d registration marked as not attended.",
                "%(count)d registrations marked as not attended.",
                "count",
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Cancel selected registrations"), permissions=["change"])
    def cancel_registrations(self, request, queryset):
        change_each(
            self,
            request,
            queryset.active(),
            _cancel_for_staff,
            done=ngettext_lazy(
                "%(count)d registration cancelled.", "%(count)d registrations cancelled.", "count"
            ),
        )


def _cancel_for_staff(registration):
    try:
        services.cancel(registration.uid)
    except services.Refused as refusal:
        raise ActionRefused(refusal.message) from None


@admin.register(Feedback)
class FeedbackAdmin(AssociationScopedAdmin, admin.ModelAdmin):
    list_display = ["event", "rating", "comment", "created_at"]
    list_filter = ["rating", "event__kind"]
    search_fields = ["event__title", "comment"]
    list_select_related = ["event"]
    readonly_fields = ["event", "rating", "comment", "created_at"]

    def has_add_permission(self, request):
        # Feedback comes from participants only.
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        feedback = self.get_queryset(request)
        by_event = (
            feedback.values("event__title", "event__starts_at")
            .annotate(average=Avg("rating"), count=Count("pk"))
            .order_by("-event__starts_at")[:50]
        )
        kinds = dict(Event.Kind.choices)
        by_kind = [
            {**row, "kind": kinds.get(row["event__kind"], row["event__kind"])}
            for row in feedback.values("event__kind")
            .annotate(average=Avg("rating"), count=Count("pk"))
            .order_by("event__kind")
        ]
        extra_context = {**(extra_context or {}), "by_event": by_event, "by_kind": by_kind}
        return super().changelist_view(request, extra_context=extra_context)
