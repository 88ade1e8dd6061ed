"""Staff side of the consultations, scoped like every association-owned admin: regional
staff see and change their association's advisors, slots, bookings and feedback, the
Landesverband all of them (verbaende.scoping)."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Avg, Count, Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from beratung import services
from beratung.admin_views import day_list_view, series_view
from beratung.models import Advisor, Booking, Feedback, Slot, Topic
from kern.spreadsheet import csv_response
from medien.uploads import ACCEPT, SafeImageField
from verbaende.scoping import AssociationScopedAdmin, sees_all_associations


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "position"]
    list_editable = ["position"]
    search_fields = ["name", "name_en"]
    prepopulated_fields = {"slug": ["name"]}


class AdvisorAdminForm(forms.ModelForm):
    class Meta:
        model = Advisor
        fields = "__all__"  # noqa: DJ007 - the admin decides the fields through its fieldsets
        # Uploads are checked by content, re-encoded and stripped of metadata.
        field_classes = {"photo": SafeImageField}
        widgets = {"photo": forms.ClearableFileInput(attrs={"accept": ACCEPT})}


@admin.register(Advisor)
class AdvisorAdmin(AssociationScopedAdmin, admin.ModelAdmin):
    form = AdvisorAdminForm
    list_display = ["name", "association", "is_active", "rating_average", "rating_count"]
    list_filter = ["is_active", "association"]
    search_fields = ["name", "focus"]
    list_select_related = ["association"]
    fields = ["association", "name", "photo", "focus", "languages", "is_active"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(rating_avg=Avg("feedback__rating"), ratings=Count("feedback"))
        )

    @admin.display(description=_("average rating"), ordering="rating_avg")
    def rating_average(self, advisor):
        if advisor.rating_avg is None:
            return "-"
        return f"{advisor.rating_avg:.1f}".replace(".", ",")

    @admin.display(description=_("ratings"), ordering="ratings")
    def rating_count(self, advisor):
        return advisor.ratings


@admin.register(Slot)
class SlotAdmin(AssociationScopedAdmin, admin.ModelAdmin):
    list_display = ["starts_at", "duration", "advisor", "association", "mode", "is_booked"]
    list_filter = ["is_cancelled", "mode", "association", "topics"]
    search_fields = ["advisor__name", "address"]
    list_select_related = ["advisor", "association"]
    date_hierarchy = "starts_at"
    filter_horizontal = ["topics"]
    actions = ["cancel_slots"]
    fieldsets = [
        (None, {"fields": ["association", "advisor", "starts_at", "duration", "topics"]}),
        (_("Place"), {"fields": ["mode", "address", "accessibility_note"]}),
        (None, {"fields": ["is_cancelled"]}),
    ]
    change_list_template = "beratung/admin/slot_change_list.html"

    def get_queryset(self, request):
        active = Booking.objects.filter(slot=OuterRef("pk"), status__in=Booking.ACTIVE_STATUSES)
        return super().get_queryset(request).annotate(booked=Exists(active))

    @admin.display(description=_("booked"), boolean=True, ordering="booked")
    def is_booked(self, slot):
        return slot.booked

    def get_urls(self):
        from django.urls import path

        return [
            path(
                "serie/",
                self.admin_site.admin_view(series_view(self)),
                name="beratung_slot_series",
            ),
            *super().get_urls(),
        ]

    @admin.action(description=_("Cancel selected slots and their bookings"), permissions=["change"])
    def cancel_slots(self, request, queryset):
        cancelled_bookings = 0
        for slot in queryset.filter(is_cancelled=False):
            slot.is_cancelled = True
            slot.save(update_fields=["is_cancelled"])
            for booking in slot.bookings.filter(status=Booking.Status.BOOKED):
                cancelled_bookings += services.cancel(booking)
        messages.success(
            request,
            ngettext(
                "Slots cancelled; %(count)d booking cancelled and its booker informed.",
                "Slots cancelled; %(count)d bookings cancelled and their bookers informed.",
                cancelled_bookings,
            )
            % {"count": cancelled_bookings},
        )


CSV_COLUMNS = [
    (_("Date"), lambda b: timezone.localtime(b.slot.starts_at).strftime("%d.%m.%Y")),
    (_("Time"), lambda b: timezone.localtime(b.slot.starts_at).strftime("%H:%M")),
    (_("Duration in minutes"), lambda b: b.slot.duration),
    (_("Advisor"), lambda b: b.slot.advisor.name),
    (_("Association"), lambda b: b.slot.association.short_name),
    (_("Kind of consultation"), lambda b: b.slot.get_mode_display()),
    (_("Name"), lambda b: b.name),
    (_("E-mail address"), lambda b: b.email),
    (_("Phone number"), lambda b: b.phone),
    (_("Topic"), lambda b: b.topic.name if b.topic else ""),
    (_("Question"), lambda b: b.question),
    (_("Status"), lambda b: b.get_status_display()),
    (_("Booked at"), lambda b: timezone.localtime(b.created_at).strftime("%d.%m.%Y %H:%M")),
    (_("Deleted on"), lambda b: b.deletion_date.strftime("%d.%m.%Y")),
]


@admin.register(Booking)
class BookingAdmin(AssociationScopedAdmin, admin.ModelAdmin):
    list_display = ["slot_start", "slot_advisor", "name", "topic", "status", "deletion_date"]
    list_filter = ["status", "slot__association", "topic"]
    search_fields = ["name", "email", "slot__advisor__name"]
    list_select_related = ["slot__advisor", "slot__association", "topic"]
    date_hierarchy = "slot__starts_at"
    actions = ["mark_attended", "mark_no_show", "cancel_bookings", "export_csv"]
    change_list_template = "beratung/admin/booking_change_list.html"
    # Bookers book on the website; their bookings change only through the actions (which
    # withdraw reminders and tell the booker).
    readonly_fields = [
        "slot",
        "name",
        "email",
        "phone",
        "topic",
        "question",
        "status",
        "consent_at",
        "created_at",
        "cancelled_at",
        "deletion_date",
    ]
    fields = readonly_fields

    def get_list_filter(self, request):
        # AssociationScopedAdmin drops only a plain "association" filter.
        filters = super().get_list_filter(request)
        if sees_all_associations(request.user):
            return filters
        return [f for f in filters if f != "slot__association"]

    def has_add_permission(self, request):
        return False

    def get_urls(self):
        from django.urls import path

        return [
            path(
                "tagesliste/",
                self.admin_site.admin_view(day_list_view(self)),
                name="beratung_booking_day_list",
            ),
            *super().get_urls(),
        ]

    @admin.display(description=_("appointment"), ordering="slot__starts_at")
    def slot_start(self, booking):
        return timezone.localtime(booking.slot.starts_at).strftime("%d.%m.%Y %H:%M")

    @admin.display(description=_("advisor"), ordering="slot__advisor__name")
    def slot_advisor(self, booking):
        return booking.slot.advisor.name

    @admin.display(description=_("deleted on"))
    def deletion_date(self, booking):
        return booking.deletion_date

    def _mark(self, request, queryset, status):
        count = services.mark(queryset, status)
        skipped = queryset.count() - count
        messages.success(
            request,
            ngettext("%(count)d booking updated.", "%(count)d bookings updated.", count)
            % {"count": count},
        )
        if skipped:
            messages.warning(
                request,
                ngettext(
                    "%(count)d booking was left as it is: it is cancelled or its appointment "
                    "has not begun yet.",
                    "%(count)d bookings were left as they are: they are cancelled or their "
                    "appointments have not begun yet.",
                    skipped,
                )
                % {"count": skipped},
            )

    @admin.action(description=_("Mark as taken place"), permissions=["change"])
    def mark_attended(self, request, queryset):
        self._mark(request, queryset, Booking.Status.ATTENDED)

    @admin.action(description=_("Mark as did not turn up"), permissions=["change"])
    def mark_no_show(self, request, queryset):
        self._mark(request, queryset, Booking.Status.NO_SHOW)

    @admin.action(description=_("Cancel selected bookings"), permissions=["change"])
    def cancel_bookings(self, request, queryset):
        count = sum(services.cancel(booking) for booking in queryset.select_related("slot"))
        messages.success(
            request,
            ngettext(
                "%(count)d booking cancelled; the booker has been informed.",
                "%(count)d bookings cancelled; the bookers have been informed.",
                count,
            )
            % {"count": count},
        )

    @admin.action(description=_("Export selected bookings as CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        bookings = queryset.select_related("slot__advisor", "slot__association", "topic")
        return csv_response(
            "beratung.csv",
            [label for label, _value in CSV_COLUMNS],
            (
                [value(booking) for _label, value in CSV_COLUMNS]
                for booking in bookings.order_by("slot__starts_at", "pk")
            ),
        )


@admin.register(Feedback)
class FeedbackAdmin(AssociationScopedAdmin, admin.ModelAdmin):
    list_display = ["created_at", "advisor", "association", "rating", "comment"]
    list_filter = ["rating", "association"]
    list_select_related = ["advisor", "association"]
    readonly_fields = ["association", "advisor", "rating", "comment", "created_at"]
    fields = readonly_fields

    def has_add_permission(self, request):
        return False
