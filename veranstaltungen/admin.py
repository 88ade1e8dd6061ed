from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from kern.admin_actions import change_each, publish_action
from kern.admin_slugs import FreeSlugAdminMixin, FreeSlugFormMixin
from medien.uploads import ACCEPT, SafeImageField
from veranstaltungen.models import Event
from verbaende.scoping import AssociationScopedAdmin


def publish_event(event, staff_member):
    event.status = Event.Status.PUBLISHED
    event.save()


def cancel_event(event):
    event.is_cancelled = True
    event.save()


class EventAdminForm(FreeSlugFormMixin, forms.ModelForm):
    class Meta:
        model = Event
        fields = "__all__"  # noqa: DJ007 - the admin decides the fields through its fieldsets
        # Uploads are checked by content and stored re-encoded, as profile images are.
        field_classes = {"image": SafeImageField}
        widgets = {"image": forms.ClearableFileInput(attrs={"accept": ACCEPT})}


@admin.register(Event)
class EventAdmin(FreeSlugAdminMixin, AssociationScopedAdmin, admin.ModelAdmin):
    form = EventAdminForm
    list_display = ["title", "kind", "starts_at", "association", "status", "is_cancelled"]
    list_filter = ["status", "kind", "association", "is_cancelled", "is_online", "submarkets"]
    search_fields = ["title", "teaser", "venue_name", "city"]
    list_select_related = ["association"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["submarkets", "municipality"]
    readonly_fields = ["uid", "sequence", "created_at", "updated_at"]
    actions = [
        publish_action(
            description=_("Publish selected events"),
            publishable=lambda events: events.exclude(status=Event.Status.PUBLISHED),
            publish=publish_event,
            published=ngettext_lazy(
                "%(count)d event published.", "%(count)d events published.", "count"
            ),
        ),
        "cancel_events",
    ]
    fieldsets = [
        (None, {"fields": ["association", "title", "slug", "kind", "status", "is_cancelled"]}),
        (_("Date and time"), {"fields": ["starts_at", "ends_at"]}),
        (_("Content"), {"fields": ["teaser", "description", "submarkets"]}),
        (_("Image"), {"fields": ["image", "image_alt"]}),
        (
            _("Place"),
            {
                "fields": [
                    "is_online",
                    "online_url",
                    "venue_name",
                    "street_address",
                    "postal_code",
                    "city",
                    "municipality",
                    "accessibility",
                    "accessibility_note",
                ]
            },
        ),
        (
            _("Registration"),
            {
                "fields": [
                    "registration_url",
                    "registration_note",
                    "price",
                    "price_note",
                    "capacity_note",
                ]
            },
        ),
        (
            _("Calendar data"),
            {"fields": ["uid", "sequence", "created_at", "updated_at"], "classes": ["collapse"]},
        ),
    ]

    def view_on_site(self, event):
        # A draft's public page answers 404; offer the link only once it exists.
        return event.get_absolute_url() if event.is_published else None

    @admin.action(description=_("Mark selected events as cancelled"), permissions=["change"])
    def cancel_events(self, request, queryset):
        # One by one, so that each event's SEQUENCE rises and calendars take the change.
        change_each(
            self,
            request,
            queryset.filter(is_cancelled=False),
            cancel_event,
            done=ngettext_lazy(
                "%(count)d event marked as cancelled.",
                "%(count)d events marked as cancelled.",
                "count",
            ),
        )
