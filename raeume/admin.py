"""The Raumbörse's reference data and matches. Listings themselves are moderated content:
their admin, with the publish and reject decisions, is moderation.admin_listings."""

from django.contrib import admin

from raeume.models import Feature, Match
from verbaende.scoping import AssociationScopedAdmin


@admin.register(Feature)
class FeatureAdmin(admin.ModelAdmin):
    """One list of features for all associations, kept by the Landesverband (like the
    disciplines); regional staff see it."""

    list_display = ["name", "slug", "position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Match)
class MatchAdmin(AssociationScopedAdmin, admin.ModelAdmin):
    """Which offers fit which requests and when the owners were told: read-only, written by
    raeume.matching."""

    list_display = [
        "request",
        "offer",
        "found_at",
        "request_owner_notified_at",
        "offer_owner_notified_at",
    ]
    list_select_related = ["request", "offer"]
    date_hierarchy = "found_at"
    search_fields = ["request__title", "offer__title"]
    fields = readonly_fields = list_display

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
