from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kern import text_limits
from kern.fields import MultiLineField, SingleLineField
from kern.localized import localized

# Search terms are indexed with every profile of the discipline; a long list would make each
# of those documents long too.
SEARCH_TERMS_LENGTH = 1_000


def search_terms_field():
    """Staff-edited words that find a Teilmarkt's or discipline's members (issue 12)."""
    return SingleLineField(
        _("search terms"),
        max_length=SEARCH_TERMS_LENGTH,
        blank=True,
        help_text=_(
            "Words visitors search for that should find these members: job titles in all "
            "genders, everyday words, English words. Separated by commas."
        ),
    )


class SubmarketQuerySet(models.QuerySet):
    def with_member_counts(self):
        """Annotate `member_count`: published profiles with a discipline in the submarket."""
        return self.annotate(
            member_count=Count(
                "disciplines__profiles",
                filter=Q(
                    disciplines__profiles__status="published",
                    disciplines__profiles__listed_in_directory=True,
                ),
                distinct=True,
            )
        )


class Submarket(models.Model):
    """One of the 11 official Teilmärkte of the Kultur- und Kreativwirtschaft, or "Sonstige"."""

    slug = models.SlugField(_("slug"), unique=True)
    name = SingleLineField(_("name"), max_length=120, unique=True)
    name_en = SingleLineField(_("name (English)"), max_length=120, blank=True)
    description = MultiLineField(
        _("description"), max_length=text_limits.SUBMARKET_DESCRIPTION, blank=True
    )
    description_en = MultiLineField(
        _("description (English)"), max_length=text_limits.SUBMARKET_DESCRIPTION, blank=True
    )
    search_terms = search_terms_field()
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = SubmarketQuerySet.as_manager()

    class Meta:
        verbose_name = _("submarket")
        verbose_name_plural = _("submarkets")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("teilmaerkte:detail", kwargs={"slug": self.slug})

    @property
    def localized_name(self):
        return localized(self, "name")

    @property
    def localized_description(self):
        return localized(self, "description")


class Discipline(models.Model):
    """A finer discipline within a submarket that members pick, e.g. "Produktdesign"."""

    submarket = models.ForeignKey(
        Submarket,
        on_delete=models.PROTECT,
        related_name="disciplines",
        verbose_name=_("submarket"),
    )
    slug = models.SlugField(_("slug"), unique=True, max_length=80)
    name = SingleLineField(_("name"), max_length=120)
    name_en = SingleLineField(_("name (English)"), max_length=120, blank=True)
    search_terms = search_terms_field()
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("discipline")
        verbose_name_plural = _("disciplines")
        ordering = ["submarket__position", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["submarket", "name"], name="unique_discipline_name")
        ]

    def __str__(self):
        return self.name

    @property
    def localized_name(self):
        return localized(self, "name")
