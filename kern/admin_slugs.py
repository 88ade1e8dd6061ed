"""Web addresses (slugs) that staff type in the admin, for models whose slug is unique
across the whole site (the public URL holds the slug alone).

Refusing a taken slug ("an article with this web address already exists") would tell a
regional team about another association's drafts. A taken slug is instead replaced by the
next free one ("name-2"), the same way for every taken slug, and the staff member is told
the address the row got, not why or by whom the wanted one is used.
"""

from django.contrib import messages
from django.utils.translation import gettext_lazy as _

from kern.text import unique_slug


class FreeSlugFormMixin:
    """For the ModelForm: a taken slug becomes the next free one (see the module)."""

    slug_moved = None  # (wanted, given) after clean() replaced a taken slug

    def clean_slug(self):
        wanted = self.cleaned_data.get("slug", "")
        model = self._meta.model
        if (
            not wanted
            or not model._default_manager.exclude(pk=self.instance.pk).filter(slug=wanted).exists()
        ):
            return wanted
        max_length = model._meta.get_field("slug").max_length
        given = unique_slug(model, wanted, instance_pk=self.instance.pk, max_length=max_length)
        self.slug_moved = (wanted, given)
        return given


class FreeSlugAdminMixin:
    """For the ModelAdmin whose form has FreeSlugFormMixin: says which address was given."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if getattr(form, "slug_moved", None):
            wanted, given = form.slug_moved
            self.message_user(
                request,
                _("The web address “%(wanted)s” is not available; this entry got “%(given)s”.")
                % {"wanted": wanted, "given": given},
                messages.WARNING,
            )
