"""Template tags for the contact section of profile pages (see kontakt.relay)."""

from django import template

from kontakt.relay import ContactForm, can_be_contacted, visible_contact_details

register = template.Library()


@register.simple_tag
def contact_details(profile, user):
    """`{% contact_details profile user as contact %}`: phone and address `user` may see."""
    return visible_contact_details(profile, user)


@register.simple_tag
def contact_form(profile):
    """`{% contact_form profile as form %}`: an empty relay form, or None when the profile
    has nobody to receive messages."""
    return ContactForm() if can_be_contacted(profile) else None
