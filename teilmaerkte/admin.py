from django.contrib import admin

from kern.formsets import BoundedInlineFormSet, BoundedModelFormSet
from teilmaerkte.models import Discipline, Submarket


class DisciplineInline(admin.TabularInline):
    model = Discipline
    formset = BoundedInlineFormSet
    extra = 1
    fields = ["name", "name_en", "search_terms", "slug", "position"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Submarket)
class SubmarketAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "position"]
    list_editable = ["position"]
    search_fields = ["name", "name_en"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [DisciplineInline]

    def get_changelist_formset(self, request, **kwargs):
        # The list_editable form: bounded like the inlines (kern.formsets).
        return super().get_changelist_formset(request, formset=BoundedModelFormSet, **kwargs)


@admin.register(Discipline)
class DisciplineAdmin(admin.ModelAdmin):
    list_display = ["name", "submarket", "name_en"]
    list_filter = ["submarket"]
    search_fields = ["name", "name_en", "search_terms", "submarket__name"]
    list_select_related = ["submarket"]
    prepopulated_fields = {"slug": ["name"]}
