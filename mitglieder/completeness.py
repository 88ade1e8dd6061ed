"""How complete a member's profile is: a score for the editor and the member's overview.

A pure function over the profile's stored fields and the counts of its related parts, so a
list of profiles scores without a query per profile (annotate the counts)."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mitglieder.editor_sections import section_for_field


@dataclass(frozen=True)
class MissingPart:
    label: str
    url: str


@dataclass(frozen=True)
class Completeness:
    percent: int
    missing: tuple[MissingPart, ...]

    @property
    def complete(self):
        return not self.missing


# (key, German-facing label, weight); weights sum to 100.
PARTS = (
    ("image", _("a logo or portrait"), 20),
    ("tagline", _("a short description"), 15),
    ("description", _("an introduction"), 15),
    ("disciplines", _("disciplines"), 10),
    ("place", _("a place"), 10),
    ("contact", _("contact details or links"), 15),
    ("gallery", _("gallery images"), 15),
)


def profile_completeness(profile, *, discipline_count, link_count, gallery_count):
    """Score `profile` (0-100) and name what is missing, each with the editor page to add it."""
    gallery_url = reverse("self_service:gallery", kwargs={"pk": profile.pk})
    present = {
        "image": bool(profile.image),
        "tagline": bool((profile.tagline or "").strip()),
        "description": bool((profile.description or "").strip()),
        "disciplines": discipline_count > 0,
        "place": profile.municipality_id is not None,
        "contact": bool(profile.website or profile.contact_email or profile.phone or link_count),
        "gallery": gallery_count > 0,
    }
    # Each missing part links to the editor section (and its field) where it is added.
    places = {
        "image": (section_for_field("image"), "#id_image"),
        "tagline": (section_for_field("tagline"), "#id_tagline"),
        "description": (section_for_field("description"), "#id_description"),
        "disciplines": (section_for_field("disciplines"), ""),
        "place": (section_for_field("municipality"), "#id_municipality"),
        "contact": (section_for_field("website"), ""),
    }
    anchors = {key: section.url(profile) + anchor for key, (section, anchor) in places.items()}
    anchors["gallery"] = gallery_url
    percent = sum(weight for key, _label, weight in PARTS if present[key])
    missing = tuple(
        MissingPart(label=label, url=anchors[key])
        for key, label, _weight in PARTS
        if not present[key]
    )
    return Completeness(percent=percent, missing=missing)
