from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from kern.page_cache import cache_public_page
from verzeichnis.directory import Directory
from verzeichnis.suggestions import BadQuery, parse_query, suggest

# Browsers and proxies may keep suggestions briefly: a new member shows up within a minute.
SUGGESTIONS_MAX_AGE = 60


@cache_public_page(parameters=Directory.parameters())
def directory(request):
    return render(request, "mitglieder/directory.html", Directory(request.GET).context())


# cache_control sits outside the page cache, so a page served from it carries the header too.
@require_safe
@cache_control(public=True, max_age=SUGGESTIONS_MAX_AGE)
@cache_public_page(parameters=("q",))
def suggestions(request):
    try:
        query = parse_query(request.GET.get("q", ""))
    except BadQuery as error:
        return JsonResponse({"error": str(error)}, status=400)
    return JsonResponse(suggest(query))
