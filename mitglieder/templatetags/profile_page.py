"""Template helpers of the profile page: link icons, website domains, share links."""

from django import template

from mitglieder import sharing
from mitglieder.models import ProfileLink

register = template.Library()

# The symbol in static/img/icons.svg for each kind of link; "other" gets a chain link.
LINK_ICONS = {kind.value: kind.value for kind in ProfileLink.Kind} | {"other": "link"}


@register.filter
def web_domain(url):
    """`{{ profile.website|web_domain }}`: "studio-beispiel.de" for https://www.studio-beispiel.de/."""
    return sharing.website_domain(url or "")


@register.filter
def link_icon(kind):
    return LINK_ICONS.get(kind, "link")


@register.simple_tag
def share_links(profile):
    """`{% share_links profile as share %}`: the profile's address and its share links."""
    return sharing.share_links(profile)


@register.simple_tag
def mastodon_form():
    return sharing.MastodonServerForm()
