"""Admin of the association faces: contact persons (edited by their association's staff)
and the image upload of the association's logo. Here rather than in verbaende, which sits
below medien and so cannot use its safe image field."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from kern.formsets import BoundedInlineFormSet, BoundedModelFormSet
from medien.uploads import ACCEPT, SafeImageField
from verbaende.admin import AssociationAdmin
from verbaende.models import Association, AssociationLink, ContactPerson
from verbaende.scoping import AssociationScopedAdmin, may_edit_association


class ContactPersonAdminForm(forms.ModelForm):
    class Meta:
        model = ContactPerson
        fields = "__all__"  # noqa: DJ007 - the admin decides the fields through its fieldsets
        # Uploads are checked by content and stored re-encoded, as profile images are.
        field_classes = {"photo": SafeImageField}
        widgets = {"photo": forms.ClearableFileInput(attrs={"accept": ACCEPT})}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("photo") and not cleaned.get("photo_alt"):
            self.add_error("photo_alt", _("Describe the photo for people who cannot see it."))
        return cleaned


@admin.register(ContactPerson)
class ContactPersonAdmin(AssociationScopedAdmin, admin.ModelAdmin):
    form = ContactPersonAdminForm
    list_display = ["name", "role", "association", "position", "is_visible"]
    list_filter = ["association", "is_visible"]
    list_editable = ["position", "is_visible"]
    search_fields = ["name", "role"]
    list_select_related = ["association"]
    fieldsets = [
        (None, {"fields": ["association", "name", "role", "position", "is_visible"]}),
        (_("Photo"), {"fields": ["photo", "photo_alt"]}),
        (_("Contact"), {"fields": ["email"]}),
    ]

    def get_changelist_formset(self, request, **kwargs):
        # The list_editable form: bounded like the inlines (kern.formsets).
        return super().get_changelist_formset(request, formset=BoundedModelFormSet, **kwargs)


class AssociationLinkInline(admin.TabularInline):
    model = AssociationLink
    formset = BoundedInlineFormSet
    extra = 0
    fields = ["kind", "url", "position"]

    # The links belong to the association's page: editable where the page is.
    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._page_editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._page_editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._page_editable(request, obj)

    @staticmethod
    def _page_editable(request, association):
        return association is None or may_edit_association(request.user, association)


class AssociationFacesForm(forms.ModelForm):
    class Meta:
        model = Association
        fields = "__all__"  # noqa: DJ007 - the admin decides the fields
        field_classes = {"logo": SafeImageField}
        widgets = {"logo": forms.ClearableFileInput(attrs={"accept": ACCEPT})}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("logo") and not cleaned.get("logo_alt"):
            self.add_error("logo_alt", _("Describe the logo for people who cannot see it."))
        return cleaned


class AssociationFacesAdmin(AssociationAdmin):
    """verbaende's association admin with a safe logo upload and the social links."""

    form = AssociationFacesForm
    inlines = [*AssociationAdmin.inlines, AssociationLinkInline]


admin.site.unregister(Association)
admin.site.register(Association, AssociationFacesAdmin)
