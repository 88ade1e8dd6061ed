from django import template

from moderation.work import open_work

register = template.Library()


@register.simple_tag(takes_context=True)
def open_moderation_work(context):
    """The open items per queue section for the logged-in staff member (moderation.work)."""
    return open_work(context["request"].user)
