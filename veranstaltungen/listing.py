"""The upcoming and past lists: filters, their counts, paging, and what went wrong with the
query string, told in words instead of an error page."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.pagination import PAGE_PARAMETER, page_links
from veranstaltungen.filters import EventFilter
from veranstaltungen.models import Event
from verbaende.models import Association

PAGE_SIZE = 20
FILTER_PARAMETERS = ("verband", "art")
# Echoing a whole hostile query string back would only clutter the message.
SHOWN_VALUE_LENGTH = 40


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Chip:
    label: str
    remove_url: str


def _shown(value):
    value = str(value)
    return value if len(value) <= SHOWN_VALUE_LENGTH else value[:SHOWN_VALUE_LENGTH] + "…"


class EventList:
    def __init__(self, request, *, past, now=None):
        self.past = past
        self.base = (
            Event.objects.past(now) if past else Event.objects.upcoming(now)
        ).select_related("association")
        self.notices = []
        data = {name: request.GET.get(name, "") for name in FILTER_PARAMETERS}
        filterset = EventFilter(data, queryset=self.base)
        if not filterset.is_valid():
            # Drop what cannot be understood, say so, and filter by the rest.
            for name in filterset.errors:
                self.notices.append(self._filter_notice(name, data[name]))
                data[name] = ""
            filterset = EventFilter(data, queryset=self.base)
            filterset.is_valid()
        self.data = {name: value for name, value in data.items() if value}
        self.association = filterset.form.cleaned_data.get("verband")
        self.kind = filterset.form.cleaned_data.get("art") or ""
        self.queryset = filterset.qs
        self.page = self._page(request.GET.get(PAGE_PARAMETER))

    def _filter_notice(self, name, value):
        if name == "verband":
            return _(
                "There is no association “%(value)s”. The list shows the events of all "
                "associations."
            ) % {"value": _shown(value)}
        return _("There is no kind of event “%(value)s”. The list shows events of every kind.") % {
            "value": _shown(value)
        }

    def _page(self, requested):
        paginator = Paginator(self.queryset, PAGE_SIZE)
        if requested in (None, ""):
            return paginator.page(1)
        try:
            return paginator.page(requested)
        except PageNotAnInteger:
            self.notices.append(
                _("“%(value)s” is not a page number. This is the first page.")
                % {"value": _shown(requested)}
            )
            return paginator.page(1)
        except EmptyPage:
            last = paginator.num_pages
            self.notices.append(
                _("There is no page %(value)s. This is page %(last)s, the last one.")
                % {"value": _shown(requested), "last": last}
                if last > 1
                else _("There is no page %(value)s. All events fit on this one page.")
                % {"value": _shown(requested)}
            )
            return paginator.page(last)

    # Filters ----------------------------------------------------------------------------
    def association_options(self):
        counts = dict(
            self._base_with(kind=self.kind)
            .order_by()
            .values_list("association")
            .annotate(n=Count("pk"))
        )
        return [
            Option(a.slug, a.short_name, counts.get(a.pk, 0), a == self.association)
            for a in Association.objects.all()
        ]

    def kind_options(self):
        counts = dict(
            self._base_with(association=self.association)
            .order_by()
            .values_list("kind")
            .annotate(n=Count("pk"))
        )
        return [
            Option(value, label, counts.get(value, 0), value == self.kind)
            for value, label in Event.Kind.choices
        ]

    def _base_with(self, *, kind="", association=None):
        queryset = self.base
        if kind:
            queryset = queryset.filter(kind=kind)
        if association is not None:
            queryset = queryset.filter(association=association)
        return queryset

    def chips(self):
        chips = []
        if self.association is not None:
            chips.append(
                Chip(
                    _("Association: %(name)s") % {"name": self.association.short_name},
                    self.url(verband=None),
                )
            )
        if self.kind:
            chips.append(
                Chip(
                    _("Kind: %(kind)s") % {"kind": Event.Kind(self.kind).label},
                    self.url(art=None),
                )
            )
        return chips

    # Addresses --------------------------------------------------------------------------
    def url(self, **changes):
        """This list's query string with `changes` applied (None removes); paging restarts."""
        params = {**self.data, **changes}
        query = urlencode({name: value for name, value in params.items() if value})
        return "?" + query if query else "?"

    def other_list_url(self):
        """The same filters on the other list (upcoming ↔ past)."""
        name = "veranstaltungen:upcoming" if self.past else "veranstaltungen:past"
        query = urlencode(self.data)
        return reverse(name) + ("?" + query if query else "")

    def pagination(self):
        return page_links(self.page, urlencode(self.data))

    def context(self):
        return {
            "listing": self,
            "past": self.past,
            "page": self.page,
            "events": self.page.object_list,
            "total": self.page.paginator.count,
            "notices": self.notices,
            "association_options": self.association_options(),
            "kind_options": self.kind_options(),
            "chips": self.chips(),
            "filtered": bool(self.data),
            "selected_association": self.association,
            "pagination": self.pagination(),
            "other_list_url": self.other_list_url(),
        }
