from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from konten.models import Invitation, User
from verbaende.roles import RIGHTS_FIELDS, may_change_account, may_grant_rights, sync_role
from verbaende.scoping import AssociationScopedAdmin


@admin.register(User)
class UserAdmin(AssociationScopedAdmin, BaseUserAdmin):
    ordering = ["email"]
    list_display = [
        "email",
        "full_name",
        "association",
        "is_staff",
        "is_active",
        "date_joined",
        "last_login",
    ]
    list_filter = ["is_staff", "is_superuser", "is_active", "association", "groups"]
    search_fields = ["email", "full_name"]
    date_hierarchy = "date_joined"
    list_select_related = ["association"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal info"), {"fields": ["full_name", "organisation", "association"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (
            _("Important dates"),
            {"fields": ["last_login", "date_joined", "registered_at", "registration_confirmed_at"]},
        ),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        # Only superusers grant rights (verbaende.roles): everyone else sees them read-only,
        # so a posted value is ignored.
        readonly = [
            *super().get_readonly_fields(request, obj),
            "registered_at",
            "registration_confirmed_at",
        ]
        if not may_grant_rights(request.user):
            readonly += RIGHTS_FIELDS
        return readonly

    def has_change_permission(self, request, obj=None):
        if obj is not None and not may_change_account(request.user, obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not may_change_account(request.user, obj):
            return False
        return super().has_delete_permission(request, obj)

    def user_change_password(self, request, id, form_url=""):
        # Django asks only for the change permission; setting someone else's password is a
        # right of its own (see may_grant_rights).
        if not may_grant_rights(request.user):
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)

    def save_model(self, request, obj, form, change):
        # The mixin would move users into the staff member's association; users keep theirs.
        BaseUserAdmin.save_model(self, request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if {"is_staff", "association"} & set(form.changed_data):
            # The role group follows the association, so what a staff member may do and
            # which rows they see are never out of step.
            sync_role(form.instance)


@admin.register(Invitation)
class InvitationAdmin(AssociationScopedAdmin, admin.ModelAdmin):
    list_display = ["user", "profile", "created_at", "expires_at", "used_at", "created_by"]
    list_filter = ["used_at", "profile__association"]
    search_fields = ["user__email", "profile__name"]
    date_hierarchy = "created_at"
    list_select_related = ["user", "profile", "created_by"]
    readonly_fields = ["user", "profile", "created_at", "expires_at", "used_at", "created_by"]
    exclude = ["token_hash"]

    def has_add_permission(self, request):
        # Invitations are sent from a profile's page ("Invite an editor"), never typed in.
        return False
