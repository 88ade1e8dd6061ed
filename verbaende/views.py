from django.shortcuts import get_object_or_404, render

from aktuelles.stream import Stream
from aktuelles.views import feed_links
from core.page_cache import cache_public_page
from core.views import upcoming_events
from mitglieder.directory import Directory
from mitglieder.models import Profile
from verbaende.models import Association

NEWS_ON_ASSOCIATION_PAGE = 3
EVENTS_ON_ASSOCIATION_PAGE = 3


@cache_public_page
def association_detail(request, slug):
    association = get_object_or_404(Association, slug=slug)
    if association.is_state_association:
        # The Landesverband spans every region: its page lists all members.
        directory = Directory(request)
        regional = Association.objects.regional().with_member_counts()
        districts = []
    else:
        directory = Directory(request, fixed={"verband": association.slug})
        regional = []
        districts = association.districts.order_by("kind", "name")
    return render(
        request,
        "verbaende/association_detail.html",
        {
            "association": association,
            "regional_associations": regional,
            "districts": districts,
            "member_count": Profile.objects.listed().in_association(association).count(),
            "latest_news": Stream(association=association).latest(NEWS_ON_ASSOCIATION_PAGE),
            "upcoming_events": upcoming_events(association, limit=EVENTS_ON_ASSOCIATION_PAGE),
            "feeds": feed_links(association),
            **directory.context(),
        },
    )
