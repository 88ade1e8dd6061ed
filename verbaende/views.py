from django.shortcuts import get_object_or_404, render

from mitglieder.models import Profile
from verbaende.models import Association

NEWEST_MEMBERS = 12


def association_detail(request, slug):
    association = get_object_or_404(Association, slug=slug)
    profiles = Profile.objects.published().in_association(association)
    if association.is_state_association:
        regional = Association.objects.regional().with_member_counts()
        districts = []
    else:
        regional = []
        districts = association.districts.order_by("kind", "name")
    return render(
        request,
        "verbaende/association_detail.html",
        {
            "association": association,
            "member_count": profiles.count(),
            "newest_profiles": profiles.select_related("municipality").order_by(
                "-published_at", "-pk"
            )[:NEWEST_MEMBERS],
            "regional_associations": regional,
            "districts": districts,
        },
    )
