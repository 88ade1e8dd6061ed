"""/daten/: the open-data page and its downloads.

The profile downloads are streamed (a few hundred profiles per database read) and kept in
the cache under the directory's version (daten.streaming); the small ones are rendered per
request. Every download answers conditional GET like the API.
"""

import json

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from daten.http import (
    ATTRIBUTION,
    LICENSE_NAME,
    LICENSE_URL,
    open_data,
    profiles_condition,
    statistics_condition,
    vocabulary_condition,
)
from daten.records import CSV_FIELDS, csv_row, listed_profiles, profile_linked_data, profile_record
from daten.statistics import (
    SMALL_COUNT,
    district_submarket_counts,
    statistics_rows,
    taxonomy,
    taxonomy_rows,
)
from daten.streaming import CHUNK_ROWS, cached_pieces, chunked, download
from kern import versions
from kern.page_cache import cache_public_page
from kern.rate_limits import Limit
from kern.site_url import absolute_url
from kern.spreadsheet import BYTE_ORDER_MARK, csv_lines, csv_response
from mitglieder.models import PROFILES_VERSION

# Downloads are cached whole; this only stops a loop from streaming them endlessly.
DOWNLOAD_LIMIT = Limit("open-data-download-ip", attempts=60, seconds=60)
JSON_LD_TYPE = "application/ld+json; charset=utf-8"


@cache_public_page(parameters=())
def index(request):
    return render(
        request,
        "daten/index.html",
        {
            "license_url": LICENSE_URL,
            "license_name": LICENSE_NAME,
            "attribution": ATTRIBUTION,
            "small_count": SMALL_COUNT,
            "csv_fields": CSV_FIELDS,
            "api_base": absolute_url("/api/v1/"),
        },
    )


def _profiles():
    """Every listed profile, read in chunks (prefetches run per chunk)."""
    return listed_profiles().iterator(chunk_size=CHUNK_ROWS)


def _csv_pieces():
    yield BYTE_ORDER_MARK + "".join(csv_lines([CSV_FIELDS]))
    for chunk in chunked(_profiles()):
        yield "".join(csv_lines(csv_row(profile_record(profile)) for profile in chunk))


def _dataset_node():
    return {
        "@type": "Dataset",
        "name": _("Directory of the creative industries in Saxony"),
        "url": absolute_url(reverse("daten:index")),
        "license": LICENSE_URL,
        "creator": {"@type": "Organization", "name": ATTRIBUTION},
    }


def _json_ld_pieces():
    head = json.dumps({"@context": "https://schema.org"}, ensure_ascii=False)[:-1]
    yield head + ', "@graph": [' + json.dumps(_dataset_node(), ensure_ascii=False)
    for chunk in chunked(_profiles()):
        yield "".join(
            ",\n" + json.dumps(profile_linked_data(profile), ensure_ascii=False)
            for profile in chunk
        )
    yield "]}\n"


def _download_key(name):
    return f"open-data:{name}:{versions.current(PROFILES_VERSION)}"


@open_data(limit=DOWNLOAD_LIMIT)
@profiles_condition
def profiles_csv(request):
    pieces = cached_pieces(_download_key("csv"), _csv_pieces)
    return download(pieces, filename="mitglieder.csv", content_type="text/csv; charset=utf-8")


@open_data(limit=DOWNLOAD_LIMIT)
@profiles_condition
def profiles_json_ld(request):
    pieces = cached_pieces(_download_key("jsonld"), _json_ld_pieces)
    return download(pieces, filename="mitglieder.jsonld", content_type=JSON_LD_TYPE)


def _json_download(data, filename):
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=1), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _licence():
    return {"license": LICENSE_URL, "license_name": LICENSE_NAME, "attribution": ATTRIBUTION}


@open_data(limit=DOWNLOAD_LIMIT)
@vocabulary_condition
def submarkets_json(request):
    return _json_download({**_licence(), "results": taxonomy()}, "teilmaerkte.json")


@open_data(limit=DOWNLOAD_LIMIT)
@vocabulary_condition
def submarkets_csv(request):
    header, rows = taxonomy_rows(taxonomy())
    return csv_response("teilmaerkte.csv", header, rows)


@open_data(limit=DOWNLOAD_LIMIT)
@statistics_condition
def statistics_json(request):
    return _json_download(
        {**_licence(), "small_count": SMALL_COUNT, **district_submarket_counts()},
        "statistik.json",
    )


@open_data(limit=DOWNLOAD_LIMIT)
@statistics_condition
def statistics_csv(request):
    header, rows = statistics_rows(district_submarket_counts())
    return csv_response("statistik.csv", header, rows)
