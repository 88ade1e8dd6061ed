"""The admin of the Raumbörse's listings, scoped by the association that covers their place.

Publishing and rejecting go through moderation.services (queue, bulk actions), never
through the change form: status, review and lifetime are read-only there, so the audit
log and the poster's e-mail cannot be skipped. It lives here, not in raeume, because the
decisions are moderation's (raeume sits on a lower floor).
"""

from django.contrib import admin
from django.core.files.storage import default_storage
from django.shortcuts import render
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from kern.admin_actions import change_each, publish_action
from kern.formsets import BoundedInlineFormSet
from moderation import services
from moderation.admin_tools import ModerationActionInline, ReasonForm
from raeume.models import MAX_PHOTOS, Listing, ListingPhoto
from verbaende.scoping import AssociationScopedAdmin


class ListingPhotoInline(admin.TabularInline):
    """The poster's photos: staff correct descriptions and order or remove a photo; new
    photos come from the poster's safe upload."""

    model = ListingPhoto
    formset = BoundedInlineFormSet
    max_num = MAX_PHOTOS
    extra = 0
    fields = ["thumbnail", "alt_text", "position"]
    readonly_fields = ["thumbnail"]

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("photo"))
    def thumbnail(self, photo):
        if not photo.renditions:
            return "\u2013"  # en dash for "none"
        smallest = photo.renditions[0]
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="{}" class="listing-thumbnail">',
            default_storage.url(smallest["name"]),
            smallest["width"],
            smallest["height"],
            photo.alt_text,
        )


class ListingModerationInline(ModerationActionInline):
    """Who published or rejected the listing, when and why."""

    fk_name = "listing"


def publish_pending_listing(listing, staff_member):
    services.publish_listing(listing, staff_member, expected_status=listing.status)


@admin.register(Listing)
class ListingAdmin(AssociationScopedAdmin, admin.ModelAdmin):
    list_display = [
        "title",
        "listing_type",
        "space_kind",
        "municipality",
        "status",
        "submitted_at",
        "expires_on",
        "taken_at",
    ]
    list_filter = [
        "status",
        "listing_type",
        "space_kind",
        "price_unit",
        "features",
        "municipality__district",
        "municipality__district__association",
    ]
    search_fields = [
        "title",
        "description",
        "poster_name",
        "postal_code",
        "municipality__name",
        "profile__name",
    ]
    list_select_related = ["municipality"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["municipality", "profile"]
    filter_horizontal = ["features", "wanted_districts"]
    readonly_fields = [
        "poster",
        "status",
        "created_at",
        "updated_at",
        "submitted_at",
        "published_at",
        "reviewed_at",
        "reviewed_by",
        "expires_on",
        "renewal_reminded_at",
    ]
    fieldsets = [
        (None, {"fields": ["listing_type", "space_kind", "title", "description", "features"]}),
        (
            _("Offer"),
            {"fields": ["size_m2", "price", "price_unit"]},
        ),
        (
            _("Request"),
            {"fields": ["size_min_m2", "size_max_m2", "max_price", "wanted_districts"]},
        ),
        (
            _("Place and time"),
            {
                "fields": [
                    "municipality",
                    "postal_code",
                    "street_address",
                    "show_street_address",
                    "available_from",
                    "available_until",
                ]
            },
        ),
        (_("Poster"), {"fields": ["poster", "profile", "poster_name"]}),
        (
            _("Review and lifetime"),
            {
                "fields": [
                    "status",
                    "created_at",
                    "updated_at",
                    "submitted_at",
                    "published_at",
                    "reviewed_at",
                    "reviewed_by",
                    "expires_on",
                    "renewal_reminded_at",
                    "taken_at",
                ]
            },
        ),
    ]
    inlines = [ListingPhotoInline, ListingModerationInline]
    actions = [
        publish_action(
            description=_("Publish selected listings"),
            publishable=lambda listings: listings.filter(status=Listing.Status.PENDING),
            publish=publish_pending_listing,
            published=ngettext_lazy(
                "%(count)d listing published; the posters have been notified.",
                "%(count)d listings published; the posters have been notified.",
                "count",
            ),
            left_as_is=ngettext_lazy(
                "%(count)d listing was not waiting for review and stays as it is.",
                "%(count)d listings were not waiting for review and stay as they are.",
                "count",
            ),
        ),
        "reject_listings",
    ]

    def has_add_permission(self, request):
        # Listings come from their posters, who get the mails about them.
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.status == Listing.Status.PUBLISHED:
            # Staff looked at the listing while correcting it: their edit (and what the
            # poster changed before) needs no review in the queue.
            Listing.objects.filter(pk=obj.pk).update(
                reviewed_at=obj.updated_at, reviewed_by=request.user
            )

    @admin.action(description=_("Reject selected listings"), permissions=["change"])
    def reject_listings(self, request, queryset):
        """Asks for the reason first (the posters receive it), then rejects each listing."""
        form = ReasonForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            reason = form.cleaned_data["reason"]
            change_each(
                self,
                request,
                queryset,
                lambda listing: services.reject_listing(listing, request.user, reason),
                done=ngettext_lazy(
                    "%(count)d listing rejected; the posters have been notified.",
                    "%(count)d listings rejected; the posters have been notified.",
                    "count",
                ),
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Reject listings"),
            "listings": queryset,
            "form": form,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return render(request, "admin/raeume/listing/reject_confirmation.html", context)
