from django.contrib import admin

from seiten.models import Page


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "is_provisional", "updated_at"]
    list_filter = ["is_provisional"]
    search_fields = ["title", "body"]
    readonly_fields = ["updated_at"]
    date_hierarchy = "updated_at"
