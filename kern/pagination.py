"""Paging for every list: the page a visitor asked for, or the nearest real one with a
notice saying why, and the links between pages."""

from django.core.paginator import Paginator
from django.utils.translation import gettext as _

from kern.text import printable_excerpt

PAGE_PARAMETER = "seite"


def paginate(object_list, requested, per_page, *, count=None):
    """(page, notice): the page numbered `requested` (the raw query-string value) and None,
    or the nearest real page and a German notice: the first page for "abc", "1.5" or "-3",
    the last page for a number past the end. A stale or mistyped link never answers 404.

    `count` spares the paginator its own COUNT query when the caller knows the total."""
    paginator = Paginator(object_list, per_page)
    if count is not None:
        paginator.count = count
    if requested in (None, ""):
        return paginator.page(1), None
    try:
        number = int(requested)
    except ValueError:
        number = 0
    if number < 1:
        notice = _("“%(value)s” is not a page number. This is the first page.") % {
            "value": printable_excerpt(requested)
        }
        return paginator.page(1), notice
    last = paginator.num_pages
    if number > last:
        notice = _("There is no page %(value)s. This is page %(last)s, the last one.") % {
            "value": printable_excerpt(requested),
            "last": last,
        }
        return paginator.page(last), notice
    return paginator.page(number), None


def with_page(query_string, number):
    """`query_string` (without "?") with the page parameter set to `number`."""
    page = f"{PAGE_PARAMETER}={number}"
    return f"{query_string}&{page}" if query_string else page


def page_links(page, query_string=""):
    """Links to the first, last and nearby pages (None stands for a gap) for the template
    includes/pagination.html; None when everything fits on one page."""
    if not page.has_other_pages():
        return None
    last = page.paginator.num_pages
    numbers = sorted({1, last, *range(max(1, page.number - 2), min(last, page.number + 2) + 1)})
    links, previous = [], 0
    for number in numbers:
        if number - previous > 1:
            links.append({"number": None, "url": None, "current": False})
        links.append(
            {
                "number": number,
                "url": "?" + with_page(query_string, number),
                "current": number == page.number,
            }
        )
        previous = number
    return {
        "links": links,
        "previous": "?" + with_page(query_string, page.previous_page_number())
        if page.has_previous()
        else None,
        "next": "?" + with_page(query_string, page.next_page_number()) if page.has_next() else None,
    }
