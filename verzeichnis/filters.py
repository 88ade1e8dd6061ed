import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from mitglieder.models import Profile

SORT_NAME = "name"
SORT_NEWEST = "neu"
SORT_RELEVANCE = "relevanz"


class ProfileFilter(django_filters.FilterSet):
    """Parses the directory's query string. Slugs are looked up in the cached vocabulary, so
    an unknown or garbled value simply matches nothing instead of raising an error."""

    q = django_filters.CharFilter(
        label=_("Search"), method="filter_nothing", max_length=200, strip=True
    )
    verband = django_filters.CharFilter(label=_("Regional association"), method="filter_nothing")
    kreis = django_filters.CharFilter(label=_("District"), method="filter_nothing")
    ort = django_filters.CharFilter(label=_("Place"), method="filter_nothing")
    teilmarkt = django_filters.CharFilter(label=_("Submarket"), method="filter_nothing")
    disziplin = django_filters.CharFilter(label=_("Discipline"), method="filter_nothing")
    art = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Profile.Kind.choices, field_name="kind"
    )
    auftraege = django_filters.BooleanFilter(
        label=_("Open for commissions"),
        field_name="open_for_commissions",
        widget=forms.CheckboxInput,
        method="filter_flag",
    )
    kooperation = django_filters.BooleanFilter(
        label=_("Looking for cooperation"),
        field_name="seeks_cooperation",
        widget=forms.CheckboxInput,
        method="filter_flag",
    )

    class Meta:
        model = Profile
        fields = []

    def __init__(self, data=None, *args, vocabulary, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.vocabulary = vocabulary

    def filter_nothing(self, queryset, name, value):
        # Slug filters and search are applied in filter_queryset, which sees them all at once.
        return queryset

    def filter_flag(self, queryset, name, value):
        # An unticked box means "any", not "only those without the flag".
        return queryset.filter(**{name: True}) if value else queryset

    def selected(self):
        """The valid, non-empty values: {"verband": Association, "art": "person", ...}."""
        data = self.form.cleaned_data if self.is_bound and self.errors is not None else {}
        lookups = {
            "verband": "associations",
            "kreis": "districts",
            "ort": "municipalities",
            "teilmarkt": "submarkets",
            "disziplin": "disciplines",
        }
        selected = {}
        for name, value in data.items():
            if value in (None, "", False):
                continue
            if name in lookups:
                # None marks a value that names nothing: the result is empty.
                selected[name] = self.vocabulary.by_slug(lookups[name]).get(value)
            else:
                selected[name] = value
        return selected

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        selected = self.selected()
        through = Profile.disciplines.through.objects
        for name in ("verband", "kreis", "ort", "teilmarkt", "disziplin"):
            if name not in selected:
                continue
            item = selected[name]
            if item is None:
                return queryset.none()
            if name == "verband":
                queryset = queryset.in_association(item)
            elif name == "kreis":
                places = [m.pk for m in self.vocabulary.municipalities if m.district_id == item.pk]
                queryset = queryset.filter(municipality_id__in=places)
            elif name == "ort":
                queryset = queryset.filter(municipality_id=item.pk)
            elif name == "teilmarkt":
                queryset = queryset.filter(
                    pk__in=through.filter(discipline__submarket_id=item.pk).values("profile_id")
                )
            else:
                queryset = queryset.filter(
                    pk__in=through.filter(discipline_id=item.pk).values("profile_id")
                )
        if selected.get("q"):
            queryset = queryset.search(selected["q"])
        return queryset
