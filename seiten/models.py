from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kern import text_limits
from kern.fields import MultiLineField, SingleLineField
from kern.localized import localized
from kern.rendered_markdown import (
    RenderedMarkdownField,
    RenderedMarkdownQuerySet,
    StoresRenderedMarkdown,
)


class Page(StoresRenderedMarkdown, models.Model):
    """A page of fixed address whose text staff edit: legal notice, privacy, accessibility."""

    class Slug(models.TextChoices):
        IMPRINT = "impressum", _("Legal notice")
        PRIVACY = "datenschutz", _("Privacy policy")
        ACCESSIBILITY = "barrierefreiheit", _("Accessibility statement")

    slug = models.SlugField(_("page"), choices=Slug, unique=True)
    title = SingleLineField(_("title"), max_length=150)
    title_en = SingleLineField(_("title (English)"), max_length=150, blank=True)
    body = MultiLineField(
        _("text"),
        max_length=text_limits.PAGE_BODY,
        help_text=_("Markdown: ## heading, **bold**, [link](url)."),
    )
    body_en = MultiLineField(_("text (English)"), max_length=text_limits.PAGE_BODY, blank=True)
    # "_en" last, so that kern.localized finds the English HTML as for any other field.
    body_html = RenderedMarkdownField(source="body")
    body_html_en = RenderedMarkdownField(source="body_en")
    is_provisional = models.BooleanField(
        _("text still to be completed"),
        default=True,
        help_text=_("Shows visitors a notice that the association is still completing this text."),
    )
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = RenderedMarkdownQuerySet.as_manager()

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["slug"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(f"seiten:{self.slug}")

    @property
    def localized_title(self):
        return localized(self, "title")

    @property
    def localized_body_html(self):
        return localized(self, "body_html")
