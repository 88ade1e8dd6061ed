"""schema.org JSON-LD for news articles."""

from kern.site_url import absolute_url
from medien.images import absolute_rendition_url


def news_json_ld(request, article) -> dict:
    publisher = {
        "@type": "Organization",
        "name": article.association.name,
        "url": absolute_url(article.association.get_absolute_url()),
    }
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.teaser,
        "url": absolute_url(article.get_absolute_url()),
        "datePublished": article.publish_at.isoformat(),
        "dateModified": article.updated_at.isoformat(),
        "author": publisher,
        "publisher": publisher,
    }
    image = absolute_rendition_url(request, article.image_renditions)
    if image:
        data["image"] = image
    return data
