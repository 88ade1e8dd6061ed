from django import template
from django.utils.safestring import mark_safe

from kern.localized import localized as localized_value
from kern.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitized by nh3 in render_markdown


@register.simple_tag
def localized(instance, field):
    return localized_value(instance, field)
