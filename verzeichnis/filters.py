"""The directory's query string, parsed by a FilterSet whose filters call ProfileQuerySet."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from kern.listing import queryset_method
from kern.search import MAX_QUERY_LENGTH
from mitglieder.models import Profile

SORT_PARAMETER = "sortierung"
SORT_NAME = "name"
SORT_NEWEST = "neu"
SORT_RELEVANCE = "relevanz"
SORT_CHOICES = {
    SORT_NAME: _("Name A–Z"),  # noqa: RUF001 - the en dash is typographically right
    SORT_NEWEST: _("Newest first"),
    SORT_RELEVANCE: _("Best match"),
}

# Filters whose values are slugs of the cached vocabulary: the vocabulary's kind and how an
# item is named in the facet and in its chip.
VOCABULARY_FILTERS = {
    "verband": ("associations", lambda association: association.short_name),
    "kreis": ("districts", str),
    "ort": ("municipalities", str),
    "teilmarkt": ("submarkets", lambda submarket: submarket.localized_name),
    "disziplin": ("disciplines", lambda discipline: discipline.localized_name),
}


def vocabulary_filter(label, method):
    # Choices and the slug-to-item look-up come from the vocabulary, per FilterSet.
    return django_filters.TypedChoiceFilter(label=label, method=queryset_method(method))


def flag_filter(label, method):
    return django_filters.BooleanFilter(
        label=label, widget=forms.CheckboxInput, method=queryset_method(method)
    )


class ProfileFilter(django_filters.FilterSet):
    """Slugs are checked against the cached vocabulary, so parsing needs no query; a value
    that names nothing is a form error, which kern.listing reports and drops."""

    q = django_filters.CharFilter(
        label=_("Search"),
        method=queryset_method("search"),
        max_length=MAX_QUERY_LENGTH,
        strip=True,
    )
    verband = vocabulary_filter(_("Regional association"), "in_association")
    kreis = vocabulary_filter(_("District"), "in_district")
    ort = vocabulary_filter(_("Place"), "in_municipality")
    teilmarkt = vocabulary_filter(_("Submarket"), "in_submarket")
    disziplin = vocabulary_filter(_("Discipline"), "in_discipline")
    art = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Profile.Kind.choices, method=queryset_method("of_kind")
    )
    auftraege = flag_filter(_("Open for commissions"), "open_for_commissions")
    kooperation = flag_filter(_("Looking for cooperation"), "seeking_cooperation")
    # No filter: the Directory orders the page itself (by id, with a default that depends
    # on the search). It is parsed here so that a bad value gets the same notice.
    sortierung = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=list(SORT_CHOICES.items()),
        method=lambda queryset, name, value: queryset,
    )

    class Meta:
        model = Profile
        fields = []

    def __init__(self, data=None, *args, vocabulary, **kwargs):
        super().__init__(data, *args, **kwargs)
        for name, (kind, text) in VOCABULARY_FILTERS.items():
            items = vocabulary.by_slug(kind)
            self.filters[name].extra.update(
                choices=[(slug, text(item)) for slug, item in items.items()], coerce=items.get
            )
