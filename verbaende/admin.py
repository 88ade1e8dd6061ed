from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from kern.formsets import BoundedInlineFormSet
from verbaende.models import Association, District, Municipality
from verbaende.roles import may_grant_rights
from verbaende.scoping import may_edit_association, sees_all_associations


class DistrictInline(admin.TabularInline):
    model = District
    formset = BoundedInlineFormSet
    extra = 0
    fields = ["name", "kind"]
    show_change_link = True


# What regional staff may not change on their own association's page: its name and address
# on the site, founding and place in the lists stay with the Landesverband.
KEPT_BY_THE_LANDESVERBAND = [
    "slug",
    "name",
    "short_name",
    "founded_on",
    "founded_year",
    "position",
]


@admin.register(Association)
class AssociationAdmin(admin.ModelAdmin):
    list_display = ["short_name", "name", "kind", "founded_year", "seat", "email"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "seat"]
    prepopulated_fields = {"slug": ["short_name"]}
    inlines = [DistrictInline]

    def has_change_permission(self, request, obj=None):
        # Regional staff see every association (their pages are public anyway) but change
        # only their own.
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or may_edit_association(request.user, obj))

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not may_grant_rights(request.user):
            # The kind is a right: staff of an association of kind "state" see every
            # association's rows (verbaende.scoping).
            readonly.append("kind")
        if not sees_all_associations(request.user):
            readonly.extend(KEPT_BY_THE_LANDESVERBAND)
        return readonly

    def get_prepopulated_fields(self, request, obj=None):
        if "slug" in self.get_readonly_fields(request, obj):
            return {}
        return super().get_prepopulated_fields(request, obj)


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "association"]
    list_filter = ["kind", "association"]
    search_fields = ["name"]
    list_select_related = ["association"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "district", "association"]
    list_filter = ["district__association", "district"]
    search_fields = ["name", "district__name"]
    list_select_related = ["district__association"]
    prepopulated_fields = {"slug": ["name"]}

    @admin.display(description=_("regional association"), ordering="district__association")
    def association(self, municipality):
        return municipality.district.association
