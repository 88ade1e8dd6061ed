from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from aktuelles.models import NewsItem
from kern.admin_actions import change_each, publish_action
from kern.admin_slugs import FreeSlugAdminMixin, FreeSlugFormMixin
from medien.uploads import ACCEPT, SafeImageField
from verbaende.scoping import AssociationScopedAdmin


def publish_article_now(article, staff_member):
    # "Now" includes scheduled articles: their future date moves to the present.
    article.status = NewsItem.Status.PUBLISHED
    article.publish_at = min(article.publish_at, timezone.now())
    article.save()


def withdraw_article(article):
    article.status = NewsItem.Status.DRAFT
    article.save()


class NewsItemAdminForm(FreeSlugFormMixin, forms.ModelForm):
    class Meta:
        model = NewsItem
        fields = "__all__"  # noqa: DJ007 - the admin decides the fields through its fieldsets
        # Uploads are checked by content, re-encoded and stripped of metadata.
        field_classes = {"image": SafeImageField}
        widgets = {"image": forms.ClearableFileInput(attrs={"accept": ACCEPT})}


@admin.register(NewsItem)
class NewsItemAdmin(FreeSlugAdminMixin, AssociationScopedAdmin, admin.ModelAdmin):
    form = NewsItemAdminForm
    list_display = ["title", "association", "status", "publish_at", "is_visible", "author"]
    list_filter = ["status", "association", "submarkets"]
    search_fields = ["title", "teaser", "body"]
    date_hierarchy = "publish_at"
    list_select_related = ["association", "author"]
    autocomplete_fields = ["submarkets"]
    readonly_fields = ["author", "created_at", "updated_at"]
    actions = [
        publish_action(
            description=_("Publish selected news now"),
            publishable=lambda articles: articles.exclude(
                status=NewsItem.Status.PUBLISHED, publish_at__lte=timezone.now()
            ),
            publish=publish_article_now,
            published=ngettext_lazy(
                "%(count)d article published.", "%(count)d articles published.", "count"
            ),
        ),
        "withdraw",
    ]
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

    @admin.action(description=_("Withdraw selected news (back to draft)"), permissions=["change"])
    def withdraw(self, request, queryset):
        change_each(
            self,
            request,
            queryset.filter(status=NewsItem.Status.PUBLISHED),
            withdraw_article,
            done=ngettext_lazy(
                "%(count)d article withdrawn.", "%(count)d articles withdrawn.", "count"
            ),
        )
