"""A member's open calls on their profile page: the profile app shows them without knowing
this app."""

from django import template

from kooperationen.models import Call

register = template.Library()


@register.simple_tag
def open_calls(profile):
    """`{% open_calls profile as calls %}`: the calls anyone may see, newest first."""
    return (
        Call.objects.public()
        .of_profile(profile)
        .select_related("municipality")
        .order_by("-published_at", "-pk")
    )
