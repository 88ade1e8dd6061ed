"""`{% listing_matches listing %}`: on a listing's page, the fitting offers or requests,
for its poster only (the block renders nothing for anyone else)."""

from django import template

from raeume.matching import matches_for_owner

register = template.Library()


@register.inclusion_tag("raeume/includes/listing_matches.html", takes_context=True)
def listing_matches(context, listing):
    user = context["request"].user
    if not (user.is_authenticated and listing.poster_id == user.pk):
        return {"show": False}
    return {"show": True, "listing": listing, "matches": list(matches_for_owner(listing))}
