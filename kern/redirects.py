"""Old addresses keep working: 301 redirects after a rename."""

from functools import wraps

from django.http import HttpResponsePermanentRedirect


def renamed_query_values(parameter, renamed):
    """View decorator: a request whose `parameter` holds an old value (a key of `renamed`)
    answers 301 with the same address and the new value, so bookmarks and links from other
    sites reach the same list."""

    def decorator(view):
        @wraps(view)
        def redirecting_view(request, *args, **kwargs):
            old = request.GET.get(parameter)
            if old in renamed:
                params = request.GET.copy()
                params[parameter] = renamed[old]
                return HttpResponsePermanentRedirect(f"{request.path}?{params.urlencode()}")
            return view(request, *args, **kwargs)

        return redirecting_view

    return decorator


def moved_prefix(old, new):
    """A view for `re_path(rf"^{old}(?P<rest>.*)$", ...)`: 301 to the same address under the
    path prefix `new`, language prefix and query string kept (/en/sparten/x?y=1 →
    /en/teilmaerkte/x?y=1)."""

    def redirect_view(request, rest):
        path = request.path.replace(f"/{old}", f"/{new}", 1)
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{path}?{query}" if query else path)

    return redirect_view
