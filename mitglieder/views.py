from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, render

from kern.page_cache import cache_public_page
from medien.images import absolute_rendition_url
from mitglieder.models import Profile
from mitglieder.structured_data import profile_json_ld


@cache_public_page(parameters=())
def profile_detail(request, slug):
    # Drafts, profiles in review and hidden ones do not exist for the public.
    profile = get_object_or_404(
        Profile.objects.published()
        .select_related("municipality__district", "association")
        # Whether the contact form has someone to reach, without a query of its own.
        .annotate(
            has_active_editors=Exists(
                Profile.owners.through.objects.filter(profile=OuterRef("pk"), user__is_active=True)
            )
        ),
        slug=slug,
    )
    return render(request, "mitglieder/profile_detail.html", profile_page_context(request, profile))


def profile_page_context(request, profile) -> dict:
    """What the profile page shows; shared with the member's own preview."""
    disciplines = list(profile.disciplines.select_related("submarket"))
    links = list(profile.links.all())
    return {
        "profile": profile,
        "disciplines": disciplines,
        "links": links,
        "gallery": profile.gallery.all(),
        "json_ld": profile_json_ld(request, profile, disciplines, links),
        "og_image": absolute_rendition_url(request, profile.image_renditions),
    }
