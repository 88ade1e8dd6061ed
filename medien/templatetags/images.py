from django import template
from django.core.files.storage import default_storage

from medien.images import srcset as build_srcset

register = template.Library()


@register.filter
def srcset(renditions):
    return build_srcset(renditions)


@register.filter
def rendition_url(renditions, index=-1):
    """URL of one rendition (the widest by default)."""
    if not renditions:
        return ""
    return default_storage.url(renditions[index]["name"])
