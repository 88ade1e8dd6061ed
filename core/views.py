from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.static import serve

from aktuelles.stream import Stream
from aktuelles.views import feed_links
from core.page_cache import cache_public_page
from mitglieder.models import Profile
from sparten.models import Submarket
from veranstaltungen.models import Event
from verbaende.models import Association

NEWEST_MEMBERS_ON_HOME = 6
NEWS_ON_HOME = 3
EVENTS_ON_HOME = 3


@cache_public_page
def home(request):
    associations = list(Association.objects.with_member_counts())
    state = next(a for a in associations if a.is_state_association)
    regional = [a for a in associations if not a.is_state_association]
    # Members belong to a regional association; the Landesverband counts all of them.
    state.member_count = sum(a.member_count for a in regional)
    newest = (
        Profile.objects.listed()
        .select_related("municipality")
        .order_by("-published_at", "-pk")[:NEWEST_MEMBERS_ON_HOME]
    )
    return render(
        request,
        "core/home.html",
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
        events = events.for_association(association)
    return list(events[:limit])


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        # Filter combinations multiply without end; crawlers get the profiles via the sitemap.
        "Disallow: /*?",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def media_file(request, path):
    """Uploaded images and their renditions, when no web server in front serves /media/.

    Off unless SERVE_MEDIA is set (it defaults to DEBUG): production should serve media from
    the web server or object storage.
    """
    if not settings.SERVE_MEDIA:
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)
