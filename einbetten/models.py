"""Widgets: a small list (members, events or news) that an association shows on its own
website in an iframe, served at /einbetten/w/<token>/ (einbetten.views)."""

import secrets

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from einbetten.origins import parse_origins, website_origin
from kern.fields import MultiLineField, SingleLineField
from teilmaerkte.models import Submarket
from verbaende.models import Association
from verbaende.scoping import AssociationScopedQuerySet

MAX_ITEMS = 20
ORIGINS_LENGTH = 1_000


def new_token() -> str:
    # Not a secret (the widget is public), only unguessable, so that nobody lists every
    # association's widgets by counting.
    return secrets.token_urlsafe(12)


class WidgetQuerySet(AssociationScopedQuerySet):
    def public(self):
        # Anyone with the address may load a widget: that is what it is for.
        return self.all()


class Widget(models.Model):
    class Kind(models.TextChoices):
        MEMBERS = "members", _("Members of the association")
        SUBMARKET = "submarket", _("Members of one Teilmarkt")
        EVENTS = "events", _("Next events")
        NEWS = "news", _("Latest news")

    association = models.ForeignKey(
        Association,
        on_delete=models.CASCADE,
        related_name="widgets",
        verbose_name=_("association"),
        help_text=_("Whose members, events or news the widget shows."),
    )
    title = SingleLineField(
        _("heading"), max_length=120, help_text=_("Shown above the list in the widget.")
    )
    kind = models.CharField(_("content"), max_length=12, choices=Kind, default=Kind.MEMBERS)
    submarket = models.ForeignKey(
        Submarket,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Teilmarkt"),
        help_text=_("Only for “Members of one Teilmarkt”."),
    )
    item_count = models.PositiveSmallIntegerField(
        _("number of entries"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_ITEMS)],
    )
    allowed_origins = MultiLineField(
        _("websites that may embed it"),
        max_length=ORIGINS_LENGTH,
        blank=True,
        help_text=_(
            "One address per line, e.g. https://www.example.org (https only, no path). "
            "Empty: the association's own website."
        ),
    )
    token = models.CharField(max_length=32, unique=True, editable=False, default=new_token)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = WidgetQuerySet.as_manager()
    association_path = "association"

    class Meta:
        verbose_name = _("widget")
        verbose_name_plural = _("widgets")
        ordering = ["association__position", "title", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("einbetten:detail", kwargs={"pk": self.pk})

    def get_widget_url(self):
        return reverse("einbetten:widget", kwargs={"token": self.token})

    def clean(self):
        if self.kind == self.Kind.SUBMARKET and self.submarket_id is None:
            raise ValidationError({"submarket": _("Choose the Teilmarkt whose members to show.")})
        if self.kind != self.Kind.SUBMARKET:
            self.submarket = None
        if not (self.allowed_origins or "").strip() and self.association_id:
            self.allowed_origins = website_origin(self.association.website)
        try:
            self.allowed_origins = "\n".join(parse_origins(self.allowed_origins))
        except ValidationError as error:
            raise ValidationError({"allowed_origins": error.messages}) from None

    def origins(self) -> list[str]:
        """The origins allowed to frame the widget; stored rows were validated on save,
        anything that no longer parses is left out rather than put into the header."""
        try:
            return parse_origins(self.allowed_origins)
        except ValidationError:
            return []
