"""schema.org JSON-LD and OpenGraph data for public profile pages."""

from kern.site_url import absolute_url
from medien.images import absolute_rendition_url


def profile_json_ld(request, profile, disciplines, links) -> dict:
    kind = "Person" if profile.kind == profile.Kind.PERSON else "Organization"
    data = {
        "@context": "https://schema.org",
        "@type": kind,
        "name": profile.name,
        "description": profile.tagline,
        "url": absolute_url(profile.get_absolute_url()),
        "address": {
            "@type": "PostalAddress",
            "addressLocality": profile.municipality.name,
            "addressRegion": "Sachsen",
            "addressCountry": "DE",
        },
        "knowsAbout": [discipline.name for discipline in disciplines],
        "memberOf": {
            "@type": "Organization",
            "name": profile.association.name,
            "url": absolute_url(profile.association.get_absolute_url()),
        },
    }
    same_as = [profile.website] if profile.website else []
    same_as += [link.url for link in links]
    if same_as:
        data["sameAs"] = same_as
    image = absolute_rendition_url(request, profile.image_renditions)
    if image:
        data["image" if kind == "Person" else "logo"] = image
    return data
