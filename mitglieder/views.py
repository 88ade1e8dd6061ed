from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from kern.page_cache import cache_public_page
from medien.images import absolute_rendition_url
from mitglieder.models import Profile
from mitglieder.sharing import MastodonServerForm, mastodon_share_url
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


@require_GET
def share_on_mastodon(request, slug):
    """Without JavaScript, the profile page's Mastodon form lands here: a page with the
    share link for the visitor's server (see mitglieder.sharing), or the form again."""
    profile = get_object_or_404(Profile.objects.published(), slug=slug)
    form = MastodonServerForm(request.GET or None)
    share_url = None
    status = 200
    if form.is_bound:
        if form.is_valid():
            share_url = mastodon_share_url(form.cleaned_data["instanz"], profile)
        else:
            status = 400
    return render(
        request,
        "mitglieder/share_mastodon.html",
        {
            "profile": profile,
            "form": form,
            "share_url": share_url,
            "server": form.cleaned_data["instanz"] if share_url else "",
        },
        status=status,
    )
