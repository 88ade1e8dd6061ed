from django.shortcuts import render
from django.views.decorators.http import require_safe

from karte.event_map import PARAMETERS as EVENT_MAP_PARAMETERS
from karte.event_map import EventMap
from karte.member_map import LAYER_PARAMETER, MemberMap
from karte.shapes import ATTRIBUTION
from karte.space_map import PARAMETERS as SPACE_MAP_PARAMETERS
from karte.space_map import SpaceMap
from kern.page_cache import cache_public_page
from kern.pagination import PAGE_PARAMETER
from verzeichnis.directory import Directory

# The directory's filters (the map has no pages) and the choice of districts or places.
MAP_PARAMETERS = Directory.parameters() - {PAGE_PARAMETER} | {LAYER_PARAMETER}


@require_safe
@cache_public_page(parameters=MAP_PARAMETERS)
def member_map(request):
    context = MemberMap(request.GET).context()
    return render(request, "karte/map.html", {**context, "attribution": ATTRIBUTION})


@require_safe
@cache_public_page(parameters=SPACE_MAP_PARAMETERS)
def space_map(request):
    context = SpaceMap(request.GET).context()
    return render(request, "karte/space_map.html", {**context, "attribution": ATTRIBUTION})


@require_safe
@cache_public_page(parameters=EVENT_MAP_PARAMETERS)
def event_map(request):
    context = EventMap(request.GET).context()
    return render(request, "karte/event_map.html", {**context, "attribution": ATTRIBUTION})
