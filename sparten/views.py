from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from mitglieder.models import Profile
from sparten.models import Submarket

PROFILES_PER_PAGE = 24


def submarket_list(request):
    submarkets = Submarket.objects.with_member_counts().prefetch_related("disciplines")
    return render(request, "sparten/submarket_list.html", {"submarkets": submarkets})


def submarket_detail(request, slug):
    submarket = get_object_or_404(Submarket, slug=slug)
    profiles = (
        Profile.objects.published()
        .in_submarket(submarket)
        .select_related("municipality", "association")
        .order_by("name", "pk")
    )
    # get_page() turns "abc", "-1" or "99999" into the nearest valid page instead of an error.
    page = Paginator(profiles, PROFILES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "sparten/submarket_detail.html",
        {"submarket": submarket, "disciplines": submarket.disciplines.all(), "page": page},
    )
