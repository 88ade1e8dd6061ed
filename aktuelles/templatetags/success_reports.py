"""Success reports on profile pages: the profile app shows them without knowing this app."""

from django import template

from aktuelles.models import SuccessReport

register = template.Library()


@register.simple_tag
def approved_success_reports(profile):
    """`{% approved_success_reports profile as reports %}`: the approved ones only. The public
    page is published anyway, and the member's preview of a draft shows what will appear
    once the profile is."""
    return profile.success_reports.filter(status=SuccessReport.Status.APPROVED)
