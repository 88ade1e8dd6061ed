"""One listing mechanism for every public list: the directory, the news stream, the events.

A list is three things:

1. A Form whose fields are the query parameters, every one optional. A django-filter
   FilterSet's form counts; its filters then call the model's QuerySet methods through
   `queryset_method`, so that the filter logic lives once, on the QuerySet
   (`Profile.objects.listed().in_submarket(s)`), never inline in a filter class.
2. A queryset: what the list shows before any filter.
3. A template that includes `includes/notices.html`, `includes/active_filters.html` and
   `includes/pagination.html`.

`Listing` joins them and keeps one policy for bad input, so that no query string answers
with a 500 or a 404:

- a value the form rejects (an unknown slug, a kind that does not exist, a search too long)
  is dropped, the list shows the result of the other filters, and a German notice says
  what was ignored, quoting the value shortened;
- a page number that is no number gives the first page, one past the end the last page,
  each with a notice (`kern.pagination.paginate`).

It also builds the active filters as chips (label and a link that removes that filter) and
every query string of the list; links drop the page number, since a changed filter makes it
meaningless. Parameters that an entry page fixes (`fixed`, e.g. the Teilmarkt of a
Teilmarkt page) filter the list but are neither chips nor part of its links.

The next list, say a Raumbörse, is a Form (or FilterSet), QuerySet methods and a subclass:

    class RoomList(Listing):
        form_class = RoomForm  # fields "kreis" and "groesse", both optional
        per_page = 20

        def object_list(self):
            rooms = Room.objects.offered()
            if "kreis" in self.values:
                rooms = rooms.in_district(self.values["kreis"])
            return rooms.order_by("-offered_at", "pk")

and a view that renders `RoomList(request.GET).context()` with its template. A list whose
filters are a FilterSet overrides `build_form` instead (see veranstaltungen.listing).
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext as _

from kern.pagination import PAGE_PARAMETER, page_links, paginate
from kern.text import printable_excerpt

# Fields that read a parameter given several times (`?ausstattung=a&ausstattung=b`).
MULTIPLE_VALUE_FIELDS = (forms.MultipleChoiceField, forms.ModelMultipleChoiceField)


@dataclass(frozen=True)
class Chip:
    """An active filter as includes/active_filters.html shows it."""

    label: str
    remove_url: str


@dataclass
class FilterOption:
    """One choice of a filter as a list's form offers it, with the number of results it
    would give (None once the filter is in use)."""

    value: str
    label: str
    count: int | None
    selected: bool = False
    group: str = ""


def queryset_method(name):
    """A django-filter `method=` that hands the parsed value to the QuerySet method `name`.

    A ticked box calls the method without an argument (`open_for_commissions()`); an
    unticked one filters nothing, as it means "any", not "only those without".
    """

    def apply(queryset, field_name, value):
        if isinstance(value, bool):
            return getattr(queryset, name)() if value else queryset
        return getattr(queryset, name)(value)

    return apply


def ignored_notice(field, value):
    """The one German notice for a query-string value that a list could not use."""
    return _("“%(value)s” is not a valid value for “%(filter)s” and was ignored.") % {
        "value": printable_excerpt(value),
        "filter": field.label,
    }


def chip_label(field, raw, value):
    """A chip's text: the field's label and the value as the form names it in its choices
    ("Art: Unternehmen"); a ticked box is named by its label alone."""
    if isinstance(field, forms.BooleanField):
        return str(field.label)
    if isinstance(field, forms.ModelChoiceField):
        shown = field.label_from_instance(value)
    elif isinstance(field, forms.ChoiceField):
        shown = dict(field.choices).get(raw, raw)
    else:
        shown = value
    return f"{field.label}: {shown}"


def query_string(params, **changes):
    """`params` with `changes` applied (None removes), URL-encoded, empty values left out;
    a list is one parameter repeated (`?ausstattung=a&ausstattung=b`)."""
    merged = {**params, **changes}
    return urlencode({name: value for name, value in merged.items() if value}, doseq=True)


def _raw_value(field, data, name):
    """A parameter as typed: a list for a field that takes several values."""
    if isinstance(field, MULTIPLE_VALUE_FIELDS) and hasattr(data, "getlist"):
        return data.getlist(name)
    return data.get(name)


def _none_chosen(field, data, name):
    """Whether a field that takes several values was given none (its cleaned value is an
    empty list or QuerySet, which the comparisons above cannot tell from a choice)."""
    if not isinstance(field, MULTIPLE_VALUE_FIELDS):
        return False
    values = data.getlist(name) if hasattr(data, "getlist") else data.get(name)
    return not any(values or ())


def _multiple_chips(field, raw_values, remove_url):
    """One chip per value of a several-values field, each removing that value alone."""
    if isinstance(field, forms.ModelMultipleChoiceField):
        key = field.to_field_name or "pk"
        names = {str(getattr(row, key)): field.label_from_instance(row) for row in field.queryset}
    else:
        names = {str(value): label for value, label in field.choices}
    return [
        Chip(
            f"{field.label}: {names.get(raw, raw)}",
            remove_url([other for other in raw_values if other != raw]),
        )
        for raw in raw_values
    ]


class Listing:
    """A list read from a query string: filters, notices, chips, addresses and the page.

    Subclasses set `form_class` (or override `build_form`) and `per_page`, and implement
    `object_list`; `count` and `rows` are optional hooks for lists that know their total
    or load a page's rows in a second step.
    """

    form_class = None
    per_page = 20
    # Parameters that shape the list without filtering it (a sort order): kept in links,
    # never a chip.
    not_filters = ()

    def __init__(self, params, *, fixed=None):
        """`params` is the query string (request.GET); `fixed` pins parameters for entry
        pages, e.g. {"teilmarkt": "designwirtschaft"}."""
        self.fixed = dict(fixed or {})
        self.notices = []
        self.form = self._read(params)
        self.requested_page = params.get(PAGE_PARAMETER)
        self._page = None

    def _read(self, params):
        data = params.copy()
        for name, value in self.fixed.items():
            data[name] = value
        form = self.build_form(data)
        if not form.is_valid():
            # Drop what cannot be understood, say so, and filter by the rest.
            for name in form.errors:
                if name in form.fields:
                    self.notices.append(ignored_notice(form.fields[name], data.get(name)))
                    data.pop(name)
            form = self.build_form(data)
            form.is_valid()  # every field is optional, so what is left is valid
        # The valid, non-empty values: {"verband": <Association>, "art": "person", ...}, and
        # as typed, for the list's links.
        self.values = {
            name: value
            for name, value in form.cleaned_data.items()
            if value not in (None, "", False) and not _none_chosen(form.fields[name], data, name)
        }
        self.raw = {name: _raw_value(form.fields[name], data, name) for name in self.values}
        return form

    @classmethod
    def parameters(cls):
        """Every query parameter the list understands: its filters and the page number. The
        page cache keys the list's pages on these alone (kern.page_cache)."""
        return frozenset(cls.field_names()) | {PAGE_PARAMETER}

    # Hooks ------------------------------------------------------------------------------
    @classmethod
    def field_names(cls):
        """The names of the form's fields; a list filtered by a FilterSet returns those of
        its filters (`SomeFilter.base_filters`)."""
        return cls.form_class.base_fields.keys()

    def build_form(self, data):
        """The bound form that reads `data`. A list filtered by a django-filter FilterSet
        returns the FilterSet's form here and keeps the FilterSet for its `qs`."""
        return self.form_class(data)

    def object_list(self):
        """What the paginator pages, filtered by `self.values` and ordered."""
        raise NotImplementedError

    def count(self):
        """The number of results, if the list knows it without the paginator's COUNT."""
        return None

    def rows(self, page_items):
        """The page's rows as the template shows them."""
        return page_items

    # Page -------------------------------------------------------------------------------
    def page(self):
        if self._page is None:
            count = self.count()
            # A list known to be empty (a search without matches) needs neither its query
            # built nor its rows loaded: an eight-word directory search took 15 ms to build
            # a ranking for nothing.
            empty = count == 0
            page, notice = paginate(
                [] if empty else self.object_list(), self.requested_page, self.per_page, count=count
            )
            if notice:
                self.notices.append(notice)
            if not empty:
                page.object_list = self.rows(page.object_list)
            self._page = page
        return self._page

    def pagination(self):
        return page_links(self.page(), self.query_string())

    # Addresses and chips ----------------------------------------------------------------
    def query_string(self, **changes):
        """This list's query string (without "?") with `changes` applied; the page resets."""
        kept = {name: raw for name, raw in self.raw.items() if name not in self.fixed}
        return query_string(kept, **changes)

    def url(self, **changes):
        return "?" + self.query_string(**changes)

    def chips(self):
        chips = []
        for name, value in self.values.items():
            if name in self.fixed or name in self.not_filters:
                continue
            field = self.form.fields[name]
            if isinstance(self.raw[name], list):
                chips += _multiple_chips(
                    field, self.raw[name], lambda kept, name=name: self.url(**{name: kept})
                )
            else:
                chips.append(
                    Chip(chip_label(field, self.raw[name], value), self.url(**{name: None}))
                )
        return chips

    def context(self):
        page = self.page()  # first, so that a paging notice joins the others
        chips = self.chips()
        return {
            "listing": self,
            "form": self.form,
            "page": page,
            "notices": self.notices,
            "chips": chips,
            "filtered": bool(chips),
            "pagination": self.pagination(),
        }
