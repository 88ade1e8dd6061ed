from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from accounts.invitations import invite
from mitglieder.membership import accept_request
from mitglieder.models import GalleryImage, MembershipRequest, Profile, ProfileLink


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the new editor"))


class ProfileLinkInline(admin.TabularInline):
    model = ProfileLink
    extra = 0
    fields = ["kind", "url", "position"]


class GalleryImageInline(admin.TabularInline):
    model = GalleryImage
    extra = 0
    fields = ["image", "alt_text", "caption", "position"]


@admin.register(Profile)
class ProfileAdmin(SimpleHistoryAdmin):
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
    change_form_template = "admin/mitglieder/profile/change_form.html"

    def get_urls(self):
        return [
            path(
                "<int:pk>/einladen/",
                self.admin_site.admin_view(self.invite_view),
                name="mitglieder_profile_invite",
            ),
            *super().get_urls(),
        ]

    def invite_view(self, request, pk):
        """Send a one-time link that lets someone set a password and edit this profile."""
        profile = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_change_permission(request, profile):
            raise PermissionDenied
        form = InviteForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            invite(form.cleaned_data["email"], profile, invited_by=request.user)
            self.message_user(
                request,
                _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]},
                messages.SUCCESS,
            )
            return redirect("admin:mitglieder_profile_change", profile.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Invite an editor"),
            "form": form,
            "profile": profile,
            "opts": self.model._meta,
        }
        return render(request, "admin/mitglieder/profile/invite.html", context)


@admin.register(MembershipRequest)
class MembershipRequestAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "municipality", "association", "status", "created_at"]
    list_filter = ["status", "association", "kind"]
    search_fields = ["name", "contact_name", "email"]
    date_hierarchy = "created_at"
    list_select_related = ["municipality", "association"]
    readonly_fields = ["created_at", "decided_at", "decided_by", "profile"]
    filter_horizontal = ["disciplines"]
    actions = ["accept_requests"]

    @admin.action(description=_("Accept and send the invitation"))
    def accept_requests(self, request, queryset):
        accepted = 0
        for membership in queryset.filter(status=MembershipRequest.Status.PENDING):
            accept_request(membership, decided_by=request.user)
            accepted += 1
        skipped = queryset.count() - accepted
        if accepted:
            self.message_user(
                request,
                ngettext(
                    "%(count)d request accepted; the invitation is on its way.",
                    "%(count)d requests accepted; the invitations are on their way.",
                    accepted,
                )
                % {"count": accepted},
                messages.SUCCESS,
            )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d request was already decided and stays as it is.",
                    "%(count)d requests were already decided and stay as they are.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )
