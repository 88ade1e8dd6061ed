"""The read-only JSON API under /api/v1/: the listed profiles (with the directory's
filters and search), one profile, the Teilmarkt taxonomy and the statistics.

Filters are the directory's own (verzeichnis.filters via verzeichnis.directory), with its
parameter names, so an address of /mitglieder/ works here as it is. Unlike the directory,
which drops a bad value with a notice, the API refuses it: a script should learn that its
filter did nothing rather than receive every profile.
"""

import math
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from daten.http import (
    ATTRIBUTION,
    LICENSE_NAME,
    LICENSE_URL,
    json_answer,
    open_data,
    problem,
    profiles_condition,
    statistics_condition,
    vocabulary_condition,
)
from daten.openapi import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, openapi_description
from daten.records import profile_record, with_record_data
from daten.statistics import SMALL_COUNT, district_submarket_counts, taxonomy
from kern.pagination import PAGE_PARAMETER
from kern.site_url import absolute_url
from kern.text import printable_excerpt
from mitglieder.models import Profile
from verzeichnis.directory import Directory
from verzeichnis.filters import ProfileFilter
from verzeichnis.vocabulary import load_vocabulary

PAGE_SIZE_PARAMETER = "pro_seite"
FILTER_PARAMETERS = tuple(ProfileFilter.base_filters)
PARAMETERS = (*FILTER_PARAMETERS, PAGE_PARAMETER, PAGE_SIZE_PARAMETER)


class BadParameters(Exception):
    def __init__(self, detail, errors=None):
        super().__init__(detail)
        self.detail = detail
        self.errors = errors or {}


def _licence():
    return {"license": LICENSE_URL, "license_name": LICENSE_NAME, "attribution": ATTRIBUTION}


def _positive_number(params, name, default):
    raw = params.get(name)
    if raw in (None, ""):
        return default
    if not (raw.isascii() and raw.isdigit()) or int(raw) < 1:
        message = _(
            "“%(value)s” is not a valid value for “%(parameter)s”: a whole number of 1 "
            "or more is expected."
        ) % {"value": printable_excerpt(raw), "parameter": name}
        raise BadParameters(message, {name: [message]})
    return int(raw)


def read_parameters(params):
    """(filters, page number, page size) from the query string, or BadParameters."""
    unknown = sorted(name for name in params if name not in PARAMETERS)
    if unknown:
        message = _("Unknown parameter “%(names)s”. Allowed are: %(allowed)s.") % {
            "names": printable_excerpt(", ".join(unknown)),
            "allowed": ", ".join(PARAMETERS),
        }
        raise BadParameters(message, {name: [message] for name in unknown[:10]})
    repeated = [name for name in params if len(params.getlist(name)) > 1]
    if repeated:
        message = _("The parameter “%(name)s” is given more than once.") % {"name": repeated[0]}
        raise BadParameters(message, {repeated[0]: [message]})
    page = _positive_number(params, PAGE_PARAMETER, 1)
    size = min(_positive_number(params, PAGE_SIZE_PARAMETER, DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE)
    filters = params.copy()
    for name in (PAGE_PARAMETER, PAGE_SIZE_PARAMETER):
        filters.pop(name, None)
    form = ProfileFilter(
        filters, queryset=Profile.objects.none(), vocabulary=load_vocabulary()
    ).form
    if not form.is_valid():
        errors = {
            name: [
                _("“%(value)s” is not a valid value for “%(parameter)s”.")
                % {"value": printable_excerpt(filters.get(name, "")), "parameter": name},
                *[str(message) for message in messages],
            ]
            for name, messages in form.errors.items()
        }
        raise BadParameters(" ".join(messages[0] for messages in errors.values()), errors)
    return filters, page, size


def _page_url(request, params, page):
    query = {name: value for name, value in params.items() if name != PAGE_PARAMETER}
    query[PAGE_PARAMETER] = page
    return absolute_url(f"{request.path}?{urlencode(query)}")


@open_data()
@profiles_condition
def profiles(request):
    try:
        filters, number, size = read_parameters(request.GET)
    except BadParameters as bad:
        return problem(400, bad.detail, errors=bad.errors)
    directory = Directory(filters)
    total = directory.count()
    pages = max(1, math.ceil(total / size))
    if number > pages:
        return problem(
            404,
            _("There is no page %(number)s; the last page is %(last)s.")
            % {"number": number, "last": pages},
        )
    start = (number - 1) * size
    ids = list(
        directory.ordered(directory.queryset).values_list("pk", flat=True)[start : start + size]
    )
    position = {pk: index for index, pk in enumerate(ids)}
    rows = sorted(
        with_record_data(Profile.objects.filter(pk__in=ids)), key=lambda p: position[p.pk]
    )
    return json_answer(
        {
            "count": total,
            "page": number,
            "page_size": size,
            "pages": pages,
            "next": _page_url(request, request.GET, number + 1) if number < pages else None,
            "previous": _page_url(request, request.GET, number - 1) if number > 1 else None,
            **_licence(),
            "results": [profile_record(profile) for profile in rows],
        }
    )


@open_data()
@profiles_condition
def profile(request, slug):
    if request.GET:
        return problem(400, _("This address takes no parameters."))
    found = with_record_data(Profile.objects.listed().filter(slug=slug)).first()
    if found is None:
        return problem(404, _("There is no listed member with this address."))
    return json_answer({**_licence(), **profile_record(found)})


@open_data()
@vocabulary_condition
def submarkets(request):
    if request.GET:
        return problem(400, _("This address takes no parameters."))
    return json_answer({**_licence(), "results": taxonomy()})


@open_data()
@statistics_condition
def statistics(request):
    if request.GET:
        return problem(400, _("This address takes no parameters."))
    return json_answer(
        {
            **_licence(),
            "small_count": SMALL_COUNT,
            "note": _(
                "Listed members per district and Teilmarkt. A member working in several "
                "Teilmärkte counts in each of them. Numbers from 1 to 4 are shown as “<5”."
            ),
            **district_submarket_counts(),
        }
    )


@open_data(cache_control="public, max-age=3600")
def openapi(request):
    return json_answer(openapi_description())


@open_data(limit=None)
def not_found(request, rest=""):
    return problem(404, _("This address does not exist in the API."))
