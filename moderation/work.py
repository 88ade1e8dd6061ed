"""What the admin index opens with: the open items of each moderation queue section, counted
for the staff member's association (all of them for the Landesverband), one query each."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from aktuelles.models import SuccessReport
from mitglieder.models import MembershipRequest, Profile
from moderation.services import changed_listings, changed_since_review
from raeume.models import Listing


@dataclass(frozen=True)
class OpenWork:
    label: str
    count: int
    url: str


def open_work(user) -> list[OpenWork]:
    """One entry per queue section, linked to that section of the queue."""
    queue = reverse("admin:moderation_moderationqueue_changelist")
    profiles = Profile.objects.visible_to(user)
    listings = Listing.objects.visible_to(user)
    sections = [
        ("in-review", _("Profiles in review"), profiles.filter(status=Profile.Status.IN_REVIEW)),
        (
            "changed",
            _("Published profiles changed since their last review"),
            changed_since_review(profiles),
        ),
        (
            "requests",
            _("Pending membership requests"),
            MembershipRequest.objects.visible_to(user).filter(
                status=MembershipRequest.Status.PENDING
            ),
        ),
        (
            "reports",
            _("Success reports waiting for review"),
            SuccessReport.objects.visible_to(user).pending(),
        ),
        (
            "listings",
            _("Space listings waiting for publication"),
            listings.filter(status=Listing.Status.PENDING),
        ),
        (
            "changed-listings",
            _("Published space listings changed since their review"),
            changed_listings(listings),
        ),
    ]
    return [
        OpenWork(label, queryset.order_by().count(), f"{queue}#{anchor}")
        for anchor, label, queryset in sections
    ]
