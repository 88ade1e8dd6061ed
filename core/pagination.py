"""Page numbers from the query string and the links between pages, for every paged list."""

from django.core.paginator import Paginator

PAGE_PARAMETER = "seite"


def get_page(object_list, params, per_page):
    """The requested page; "abc", "-1" or a number past the end give the nearest real page
    (Django's get_page), so a stale or mistyped link never answers 404 or 500."""
    return Paginator(object_list, per_page).get_page(params.get(PAGE_PARAMETER))


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
