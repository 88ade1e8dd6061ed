from django.contrib import admin

from mitglieder.models import Profile


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "municipality", "association", "status", "updated_at"]
    list_filter = ["status", "kind", "association", "disciplines__submarket"]
    search_fields = ["name", "tagline", "municipality__name"]
    list_select_related = ["municipality", "association"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["municipality", "disciplines", "owners"]
    readonly_fields = ["created_at", "updated_at", "published_at"]
    prepopulated_fields = {"slug": ["name"]}
