from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from kern.admin_actions import change_each
from kooperationen.models import Call
from verbaende.scoping import AssociationScopedAdmin


def _set_status(status):
    def change(call):
        call.status = status
        call.save(update_fields=["status", "updated_at"])

    return change


@admin.register(Call)
class CallAdmin(AssociationScopedAdmin, admin.ModelAdmin):
    list_display = ["title", "direction", "profile", "status", "deadline", "expires_on"]
    list_filter = ["status", "direction", "profile__association"]
    search_fields = ["title", "description", "profile__name"]
    list_select_related = ["profile"]
    autocomplete_fields = ["profile", "submarkets"]
    readonly_fields = ["author", "created_at", "updated_at", "published_at"]
    date_hierarchy = "published_at"
    actions = ["hide", "unhide"]

    @admin.action(description=_("Hide selected calls"), permissions=["change"])
    def hide(self, request, queryset):
        change_each(
            self,
            request,
            queryset.exclude(status=Call.Status.HIDDEN),
            _set_status(Call.Status.HIDDEN),
            done=ngettext_lazy("%(count)d call hidden.", "%(count)d calls hidden.", "count"),
        )

    @admin.action(description=_("Show selected hidden calls again"), permissions=["change"])
    def unhide(self, request, queryset):
        change_each(
            self,
            request,
            queryset.filter(status=Call.Status.HIDDEN),
            _set_status(Call.Status.PUBLISHED),
            done=ngettext_lazy(
                "%(count)d call shown again.", "%(count)d calls shown again.", "count"
            ),
        )
