from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from aktuelles.listing import NewsList
from aktuelles.models import NewsItem
from aktuelles.structured_data import news_json_ld
from kern.page_cache import cache_public_page
from medien.images import absolute_rendition_url


def feed_links(association=None, submarket=None):
    """The RSS and Atom addresses that match a filter state (one filter at a time: feeds
    exist for everything, per association and per Teilmarkt)."""
    if association is not None:
        name, kwargs = "association", {"slug": association.slug}
    elif submarket is not None:
        name, kwargs = "submarket", {"slug": submarket.slug}
    else:
        name, kwargs = "all", {}
    return {
        "rss": reverse(f"aktuelles:feed_{name}_rss", kwargs=kwargs),
        "atom": reverse(f"aktuelles:feed_{name}_atom", kwargs=kwargs),
    }


@cache_public_page(parameters=NewsList.parameters())
def news_index(request):
    news = NewsList(request.GET)
    return render(
        request,
        "aktuelles/news_index.html",
        {**news.context(), "feeds": feed_links(news.association, news.submarket)},
    )


@cache_public_page(parameters=())
def news_detail(request, slug):
    # Drafts and scheduled articles do not exist for the public until they are due.
    article = get_object_or_404(
        NewsItem.objects.published().select_related("association"), slug=slug
    )
    submarkets = list(article.submarkets.all())
    return render(
        request,
        "aktuelles/news_detail.html",
        {
            "article": article,
            "submarkets": submarkets,
            "json_ld": news_json_ld(request, article),
            "og_image": absolute_rendition_url(request, article.image_renditions),
            "feeds": feed_links(article.association),
        },
    )
