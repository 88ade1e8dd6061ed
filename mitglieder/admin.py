from django.contrib import admin

from mitglieder.models import GalleryImage, Profile, ProfileLink


class ProfileLinkInline(admin.TabularInline):
    model = ProfileLink
    extra = 0
    fields = ["kind", "url", "position"]


class GalleryImageInline(admin.TabularInline):
    model = GalleryImage
    extra = 0
    fields = ["image", "alt_text", "caption", "position"]


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "municipality", "association", "status", "updated_at"]
    list_filter = [
        "status",
        "kind",
        "association",
        "open_for_commissions",
        "seeks_cooperation",
        "disciplines__submarket",
    ]
    search_fields = ["name", "tagline", "municipality__name"]
    list_select_related = ["municipality", "association"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["municipality", "disciplines", "owners"]
    readonly_fields = ["created_at", "updated_at", "published_at"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ProfileLinkInline, GalleryImageInline]
