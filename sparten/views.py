from django.shortcuts import get_object_or_404, render

from aktuelles.views import feed_links
from core.page_cache import cache_public_page
from mitglieder.directory import Directory
from sparten.models import Submarket


@cache_public_page
def submarket_list(request):
    submarkets = Submarket.objects.with_member_counts()
    return render(request, "sparten/submarket_list.html", {"submarkets": submarkets})


@cache_public_page
def submarket_detail(request, slug):
    submarket = get_object_or_404(Submarket, slug=slug)
    directory = Directory(request, fixed={"teilmarkt": submarket.slug})
    return render(
        request,
        "sparten/submarket_detail.html",
        {"submarket": submarket, "feeds": feed_links(submarket=submarket), **directory.context()},
    )
