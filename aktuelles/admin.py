from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from aktuelles.models import NewsItem
from medien.uploads import ACCEPT, SafeImageField
from verbaende.scoping import AssociationScopedAdmin


class NewsItemAdminForm(forms.ModelForm):
    class Meta:
        model = NewsItem
        fields = "__all__"  # noqa: DJ007 - the admin decides the fields through its fieldsets
        # Uploads are checked by content, re-encoded and stripped of metadata.
        field_classes = {"image": SafeImageField}
        widgets = {"image": forms.ClearableFileInput(attrs={"accept": ACCEPT})}


@admin.register(NewsItem)
class NewsItemAdmin(AssociationScopedAdmin, admin.ModelAdmin):
    form = NewsItemAdminForm
    list_display = ["title", "association", "status", "publish_at", "is_visible", "author"]
    list_filter = ["status", "association", "submarkets"]
    search_fields = ["title", "teaser", "body"]
    date_hierarchy = "publish_at"
    list_select_related = ["association", "author"]
    autocomplete_fields = ["submarkets"]
    readonly_fields = ["author", "created_at", "updated_at"]
    actions = ["publish_now", "withdraw"]
    fieldsets = [
        (None, {"fields": ["association", "title", "slug", "teaser", "body", "submarkets"]}),
        (_("Image"), {"fields": ["image", "image_alt"]}),
        (_("Publication"), {"fields": ["status", "publish_at"]}),
        (_("History"), {"fields": ["author", "created_at", "updated_at"]}),
    ]

    @admin.display(boolean=True, description=_("on the website"))
    def is_visible(self, article):
        return article.is_public

    def save_model(self, request, obj, form, change):
        if not change:
            obj.author = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Publish selected news now"), permissions=["change"])
    def publish_now(self, request, queryset):
        # "Now" includes scheduled articles: their future date moves to the present.
        count = 0
        now = timezone.now()
        for article in queryset.exclude(status=NewsItem.Status.PUBLISHED, publish_at__lte=now):
            article.status = NewsItem.Status.PUBLISHED
            article.publish_at = min(article.publish_at, now)
            article.save()
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d article published.", "%(count)d articles published.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Withdraw selected news (back to draft)"), permissions=["change"])
    def withdraw(self, request, queryset):
        count = 0
        for article in queryset.filter(status=NewsItem.Status.PUBLISHED):
            article.status = NewsItem.Status.DRAFT
            article.save()
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d article withdrawn.", "%(count)d articles withdrawn.", count)
            % {"count": count},
            messages.SUCCESS,
        )
