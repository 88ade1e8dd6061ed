"""Pages that combine several apps: the home page, association pages and Teilmarkt pages.

Each shows a slice of the directory together with news, events and feeds; the apps they
draw on know nothing of these pages.
"""

from django.http import QueryDict
from django.shortcuts import get_object_or_404, render

from aktuelles.stream import Stream
from aktuelles.views import feed_links
from kern.page_cache import cache_public_page
from mitglieder.models import Profile
from teilmaerkte.models import Submarket
from veranstaltungen.models import Event
from verbaende.models import Association
from verzeichnis.directory import Directory

NEWEST_MEMBERS_ON_HOME = 6
NEWS_ON_HOME = 3
EVENTS_ON_HOME = 3
NEWS_ON_ASSOCIATION_PAGE = 3
EVENTS_ON_ASSOCIATION_PAGE = 3


@cache_public_page(parameters=())
def home(request):
    associations = list(Association.objects.with_member_counts())
    state = next(a for a in associations if a.is_state_association)
    regional = [a for a in associations if not a.is_state_association]
    # Members belong to a regional association; the Landesverband counts all of them.
    state.member_count = sum(a.member_count for a in regional)
    newest = (
        Profile.objects.listed()
        .select_related("municipality")
        .for_cards()
        .order_by("-published_at", "-pk")[:NEWEST_MEMBERS_ON_HOME]
    )
    return render(
        request,
        "portal/home.html",
        {
            "state_association": state,
            "regional_associations": regional,
            "submarkets": Submarket.objects.with_member_counts(),
            "newest_profiles": newest,
            "latest_news": Stream().latest(NEWS_ON_HOME),
            "upcoming_events": upcoming_events(limit=EVENTS_ON_HOME),
            "feeds": feed_links(),
        },
    )


def upcoming_events(association=None, *, limit):
    events = Event.objects.upcoming().select_related("association")
    if association is not None:
        events = events.in_association(association)
    return list(events[:limit])


@cache_public_page(parameters=Directory.parameters())
def association_detail(request, slug):
    association = get_object_or_404(Association, slug=slug)
    if association.is_state_association:
        # The Landesverband spans every region: its page lists all members.
        fixed = {}
        regional = Association.objects.regional().with_member_counts()
        districts = []
    else:
        fixed = {"verband": association.slug}
        regional = []
        districts = association.districts.order_by("kind", "name")
    directory = Directory(request.GET, fixed=fixed)
    members = _all_members(directory, fixed)
    return render(
        request,
        "verbaende/association_detail.html",
        {
            "association": association,
            "contact_persons": list(association.contact_persons.public()),
            "social_links": list(association.links.all()),
            "regional_associations": regional,
            "districts": districts,
            "member_count": members.totals()["total"],
            "latest_news": Stream(association=association).latest(NEWS_ON_ASSOCIATION_PAGE),
            "upcoming_events": upcoming_events(association, limit=EVENTS_ON_ASSOCIATION_PAGE),
            "feeds": feed_links(association),
            **directory.context(),
        },
    )


def _all_members(directory, fixed):
    """The directory of all an association's members, whatever the visitor filters by: its
    total comes from the facet counters (cached), where a COUNT over the association's
    profiles took 9 ms at 200 000 profiles."""
    if set(directory.values) <= {*fixed, *directory.not_filters}:
        return directory  # nothing filtered: the same list
    return Directory(QueryDict(), fixed=fixed)


@cache_public_page(parameters=())
def submarket_list(request):
    submarkets = Submarket.objects.with_member_counts()
    return render(request, "teilmaerkte/submarket_list.html", {"submarkets": submarkets})


@cache_public_page(parameters=Directory.parameters())
def submarket_detail(request, slug):
    submarket = get_object_or_404(Submarket, slug=slug)
    directory = Directory(request.GET, fixed={"teilmarkt": submarket.slug})
    return render(
        request,
        "teilmaerkte/submarket_detail.html",
        {"submarket": submarket, "feeds": feed_links(submarket=submarket), **directory.context()},
    )
