from django import template

from kern.localized import localized as localized_value

register = template.Library()

# No Markdown filter here on purpose: pages show the HTML stored at save time
# (kern.rendered_markdown), so that no request pays for parsing.


@register.simple_tag
def localized(instance, field):
    return localized_value(instance, field)
