from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import Invitation, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "association", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_staff", "is_superuser", "is_active", "association"]
    search_fields = ["email", "full_name"]
    date_hierarchy = "date_joined"
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal info"), {"fields": ["full_name", "association"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]}),
    ]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["user", "profile", "created_at", "expires_at", "used_at", "created_by"]
    list_filter = ["used_at"]
    search_fields = ["user__email", "profile__name"]
    date_hierarchy = "created_at"
    list_select_related = ["user", "profile", "created_by"]
    readonly_fields = ["user", "profile", "created_at", "expires_at", "used_at", "created_by"]
    exclude = ["token_hash"]

    def has_add_permission(self, request):
        # Invitations are sent from a profile's page ("Invite an editor"), never typed in.
        return False
