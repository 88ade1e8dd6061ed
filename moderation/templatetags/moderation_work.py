from django import template

from moderation.admin_index import split_app_list
from moderation.work import open_work

register = template.Library()


@register.simple_tag(takes_context=True)
def open_moderation_work(context):
    """The open items per queue section for the logged-in staff member (moderation.work)."""
    return open_work(context["request"].user)


@register.simple_tag
def split_admin_index(app_list):
    """The admin index's apps in three parts: work, reference data, technical records."""
    return split_app_list(app_list)
