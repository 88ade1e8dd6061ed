"""schema.org JSON-LD for news articles."""

from medien.images import absolute_rendition_url


def news_json_ld(request, article) -> dict:
    publisher = {
        "@type": "Organization",
        "name": article.association.name,
        "url": request.build_absolute_uri(article.association.get_absolute_url()),
    }
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.teaser,
        "url": request.build_absolute_uri(article.get_absolute_url()),
        "datePublished": article.publish_at.isoformat(),
        "dateModified": article.updated_at.isoformat(),
        "author": publisher,
        "publisher": publisher,
    }
    image = absolute_rendition_url(request, article.image_renditions)
    if image:
        data["image"] = image
    return data
