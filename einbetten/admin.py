from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from einbetten.models import Widget
from einbetten.origins import website_origin
from verbaende.models import Association
from verbaende.scoping import AssociationScopedAdmin, staff_association_id


@admin.register(Widget)
class WidgetAdmin(AssociationScopedAdmin, admin.ModelAdmin):
    list_display = ("title", "association", "kind", "item_count", "snippet_link")
    list_filter = ("kind", "association")
    search_fields = ("title",)
    fields = ("association", "title", "kind", "submarket", "item_count", "allowed_origins")

    def get_changeform_initial_data(self, request):
        # Embedding is allowed on the association's own website unless staff say otherwise.
        initial = super().get_changeform_initial_data(request)
        association_id = initial.get("association") or staff_association_id(request.user)
        association = Association.objects.filter(pk=association_id or 0).first()
        if association is not None:
            initial.setdefault("allowed_origins", website_origin(association.website))
        return initial

    @admin.display(description=_("snippet and preview"))
    def snippet_link(self, widget):
        return format_html('<a href="{}">{}</a>', widget.get_absolute_url(), _("Show"))
