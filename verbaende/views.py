from django.shortcuts import get_object_or_404, render

from mitglieder.directory import Directory
from mitglieder.models import Profile
from verbaende.models import Association


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
            **directory.context(),
        },
    )
