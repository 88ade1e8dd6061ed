from django.shortcuts import get_object_or_404, render

from mitglieder.directory import Directory
from mitglieder.models import Profile


def directory(request):
    return render(request, "mitglieder/directory.html", Directory(request).context())


def profile_detail(request, slug):
    # Drafts, profiles in review and hidden ones do not exist for the public.
    profile = get_object_or_404(
        Profile.objects.published().select_related("municipality__district", "association"),
        slug=slug,
    )
    return render(
        request,
        "mitglieder/profile_detail.html",
        {
            "profile": profile,
            "disciplines": profile.disciplines.select_related("submarket"),
            "links": profile.links.all(),
            "gallery": profile.gallery.all(),
        },
    )
