from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from kern.admin_actions import change_each, publish_action
from kern.admin_slugs import FreeSlugAdminMixin, FreeSlugFormMixin
from kern.formsets import BoundedInlineFormSet
from kern.validators import SINGLE_LINE_VALIDATORS
from konten.invitations import invite
from konten.models import User
from medien.uploads import ACCEPT, SafeImageField
from mitglieder import contact_address
from mitglieder.models import GalleryImage, MembershipRequest, Profile, ProfileLink
from mitglieder.self_service_forms import MAX_GALLERY_IMAGES, MAX_LINKS
from moderation import services
from moderation.admin_tools import (
    ModerationActionInline,
    ReasonForm,
    RequestModerationActionInline,
    profiles_csv_response,
)
from moderation.duplicate_pairs import attach_duplicates
from verbaende.scoping import AssociationScopedAdmin


class InviteForm(forms.Form):
    # The address becomes an account's e-mail: the rules of the model field apply here too.
    email = forms.EmailField(
        label=_("E-mail address of the new editor"), validators=[*SINGLE_LINE_VALIDATORS]
    )

    def clean_email(self):
        email = self.cleaned_data["email"]
        user = User.objects.filter(email__iexact=email).first()
        if user is not None and user.was_deactivated:
            raise forms.ValidationError(
                _("This account has been deactivated. Only a superuser can reactivate it."),
                code="deactivated",
            )
        return email


class ProfileLinkInline(admin.TabularInline):
    model = ProfileLink
    formset = BoundedInlineFormSet
    # Staff keep to the members' limits: more rows would block the member's own form.
    max_num = MAX_LINKS
    extra = 0
    fields = ["kind", "url", "position"]


# Staff uploads go through the same check as members' (medien.uploads): by content, within
# the pixel budget, re-encoded without metadata. Django's ImageField would store the upload
# as sent and leave the decoding of a huge original to the renditions.
SAFE_IMAGE_FIELDS = {"image": SafeImageField}
SAFE_IMAGE_WIDGETS = {"image": forms.ClearableFileInput(attrs={"accept": ACCEPT})}


class GalleryImageAdminForm(forms.ModelForm):
    class Meta:
        model = GalleryImage
        fields = ["image", "alt_text", "caption", "position"]
        field_classes = SAFE_IMAGE_FIELDS
        widgets = SAFE_IMAGE_WIDGETS


class GalleryImageInline(admin.TabularInline):
    model = GalleryImage
    form = GalleryImageAdminForm
    formset = BoundedInlineFormSet
    max_num = MAX_GALLERY_IMAGES
    extra = 0
    fields = ["image", "alt_text", "caption", "position"]


class ProfileAdminForm(FreeSlugFormMixin, forms.ModelForm):
    """Refuses to save over a change made after the form was loaded (optimistic locking,
    the same `version` the member's self-service form uses)."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Profile
        fields = "__all__"  # noqa: DJ007 - the admin decides the fields through its fieldsets
        field_classes = SAFE_IMAGE_FIELDS
        widgets = SAFE_IMAGE_WIDGETS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        loaded = cleaned.get("loaded_version")
        if self.instance.pk and loaded is not None:
            # The admin's change view runs in a transaction: the lock holds until saved.
            current = (
                Profile.objects.select_for_update()
                .filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            if current != loaded:
                raise forms.ValidationError(
                    _(
                        "This profile has been changed by someone else since you opened it. "
                        "Nothing has been saved. Open it again to see the current state."
                    ),
                    code="stale",
                )
        return cleaned


@admin.register(Profile)
class ProfileAdmin(FreeSlugAdminMixin, AssociationScopedAdmin, SimpleHistoryAdmin):
    form = ProfileAdminForm
    list_display = [
        "name",
        "kind",
        "municipality",
        "association",
        "status",
        "submitted_at",
        "published_at",
        "updated_at",
    ]
    list_filter = [
        "status",
        "kind",
        "association",
        "listed_in_directory",
        "open_for_commissions",
        "seeks_cooperation",
        "disciplines__submarket",
    ]
    search_fields = ["name", "slug", "tagline", "municipality__name", "contact_email"]
    list_select_related = ["municipality", "association"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["municipality", "disciplines", "owners"]
    readonly_fields = ["status", "created_at", "updated_at", "published_at", "submitted_at"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ProfileLinkInline, GalleryImageInline, ModerationActionInline]
    change_form_template = "admin/mitglieder/profile/change_form.html"
    # simple-history's own list has an inline style the CSP blocks.
    object_history_list_template = "admin/mitglieder/profile/object_history_list.html"
    actions = [
        publish_action(
            description=_("Approve selected profiles"),
            publish=services.approve,
            published=ngettext_lazy(
                "%(count)d profile approved.", "%(count)d profiles approved.", "count"
            ),
        ),
        "hide_profiles",
        "export_csv",
    ]

    def get_urls(self):
        return [
            path(
                "<int:pk>/einladen/",
                self.admin_site.admin_view(self.invite_view),
                name="mitglieder_profile_invite",
            ),
            path(
                "<int:pk>/moderieren/",
                self.admin_site.admin_view(self.moderate_view),
                name="mitglieder_profile_moderate",
            ),
            *super().get_urls(),
        ]

    def _scoped_object(self, request, pk):
        """The profile if this staff member may see it, else 404 (same rule as the lists)."""
        obj = self.get_object(request, str(pk))
        if obj is None:
            raise Http404
        return obj

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change:
            # A member's edit form loaded before this save must not overwrite it.
            Profile.objects.filter(pk=obj.pk).update(version=F("version") + 1)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if "contact_email" in form.changed_data:
            # After the editors are saved (their own addresses need no link). Staff-entered
            # addresses are confirmed by link too: a typo would otherwise hand visitors'
            # messages to a stranger.
            contact_address.address_changed(form.instance)

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

    def moderate_view(self, request, pk):
        """Approve, reject, hide or show one profile; the forms post to the queue."""
        profile = self._scoped_object(request, pk)
        if not self.has_change_permission(request, profile):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": _("Moderate “%(name)s”") % {"name": profile.name},
            "profile": profile,
            "changed": services.has_changes_since_review(profile),
            "actions": profile.moderation_actions.select_related("actor")[:20],
            "opts": self.model._meta,
            "next": reverse("admin:mitglieder_profile_moderate", args=[profile.pk]),
        }
        return render(request, "admin/mitglieder/profile/moderate.html", context)

    # History: simple-history falls back to the stored history of objects the queryset does
    # not contain, and its version view does not look at the queryset at all. Both go
    # through the scoped queryset here.

    def history_view(self, request, object_id, extra_context=None):
        self._scoped_object(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        profile = self._scoped_object(request, object_id)
        if request.method == "POST":
            return self._revert(request, profile, version_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def _revert(self, request, profile, version_id):
        if not self.has_change_permission(request, profile):
            raise PermissionDenied
        record = get_object_or_404(Profile.history.filter(id=profile.pk), history_id=version_id)
        try:
            services.revert(profile, record, request.user)
        except services.ModerationError as error:
            self.message_user(request, error.message, messages.ERROR)
            return redirect("admin:mitglieder_profile_history", profile.pk)
        self.message_user(
            request,
            _("“%(name)s” has been reverted to the version of %(date)s.")
            % {"name": profile.name, "date": record.history_date.strftime("%d.%m.%Y %H:%M")},
            messages.SUCCESS,
        )
        return redirect("admin:mitglieder_profile_change", profile.pk)

    @admin.action(description=_("Hide selected profiles"), permissions=["change"])
    def hide_profiles(self, request, queryset):
        """Asks for the reason first, then hides every selected profile at once."""
        form = ReasonForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            reason = form.cleaned_data["reason"]
            change_each(
                self,
                request,
                queryset,
                lambda profile: services.hide(profile, request.user, reason),
                done=ngettext_lazy(
                    "%(count)d profile hidden.", "%(count)d profiles hidden.", "count"
                ),
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Hide profiles"),
            "profiles": queryset,
            "form": form,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return render(request, "admin/mitglieder/profile/hide_confirmation.html", context)

    @admin.action(description=_("Export as CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        return profiles_csv_response(queryset, editors=User.objects.visible_to(request.user))


@admin.register(MembershipRequest)
class MembershipRequestAdmin(AssociationScopedAdmin, admin.ModelAdmin):
    list_display = [
        "name",
        "kind",
        "municipality",
        "association",
        "status",
        "created_at",
        "decided_at",
        "decided_by",
    ]
    list_filter = ["status", "association", "kind"]
    search_fields = ["name", "contact_name", "email", "municipality__name"]
    date_hierarchy = "created_at"
    list_select_related = ["municipality", "association", "decided_by"]
    readonly_fields = ["status", "created_at", "decided_at", "decided_by", "profile"]
    autocomplete_fields = ["municipality", "disciplines"]
    inlines = [RequestModerationActionInline]
    actions = ["accept_requests"]
    change_form_template = "admin/mitglieder/membershiprequest/change_form.html"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        membership = self.get_object(request, object_id)
        if membership is not None:
            [membership] = attach_duplicates([membership], request.user)
            extra_context = {**(extra_context or {}), "duplicates_of": membership}
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.action(description=_("Accept and send the invitation"), permissions=["change"])
    def accept_requests(self, request, queryset):
        change_each(
            self,
            request,
            queryset.filter(status=MembershipRequest.Status.PENDING),
            lambda membership: services.accept_request(membership, request.user),
            done=ngettext_lazy(
                "%(count)d request accepted; the invitation is on its way.",
                "%(count)d requests accepted; the invitations are on their way.",
                "count",
            ),
            selection=queryset,
            left_as_is=ngettext_lazy(
                "%(count)d request was already decided and stays as it is.",
                "%(count)d requests were already decided and stay as they are.",
                "count",
            ),
        )
