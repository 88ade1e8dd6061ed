"""What open data says about a listed profile: one record for the API and the CSV, and
schema.org JSON-LD built on the profile page's own (mitglieder.structured_data).

Only what the profile page shows an anonymous visitor goes out. Phone and address pass
through the profile page's own rule (kontakt.relay.visible_contact_details with no user),
so "members only" and "hidden" stay out; the contact e-mail address is never read here.
"""

from django.db.models import Prefetch

from kern.site_url import absolute_url
from kontakt.relay import visible_contact_details
from medien.images import absolute_rendition_url
from mitglieder.models import GalleryImage, Profile, ProfileLink
from mitglieder.structured_data import profile_json_ld

# The columns of profiles.csv, in the order of the API's fields.
CSV_FIELDS = (
    "slug",
    "name",
    "kind",
    "tagline",
    "description",
    "url",
    "website",
    "municipality",
    "district",
    "association",
    "submarkets",
    "disciplines",
    "open_for_commissions",
    "seeks_cooperation",
    "phone",
    "street_address",
    "postal_code",
    "links",
    "image",
    "published_at",
    "updated_at",
)
# Only the columns a record needs: the search columns alone are kilobytes per row.
RECORD_COLUMNS = (
    "slug",
    "name",
    "kind",
    "tagline",
    "description",
    "website",
    "municipality",
    "association",
    "open_for_commissions",
    "seeks_cooperation",
    "phone",
    "phone_visibility",
    "street_address",
    "postal_code",
    "address_visibility",
    "image_renditions",
    "published_at",
    "updated_at",
)


def with_record_data(profiles):
    """`profiles` with everything a record reads, in a fixed number of queries."""
    return (
        profiles.only(*RECORD_COLUMNS)
        .select_related("municipality__district", "association")
        .prefetch_related(
            Prefetch(
                "disciplines",
                queryset=Profile.disciplines.field.related_model.objects.select_related(
                    "submarket"
                ).order_by("submarket__position", "name"),
            ),
            Prefetch("links", queryset=ProfileLink.objects.order_by("position", "pk")),
            Prefetch("gallery", queryset=GalleryImage.objects.order_by("position", "pk")),
        )
    )


def listed_profiles():
    """Every profile of the public directory, in a stable order."""
    return with_record_data(Profile.objects.listed()).order_by("sort_name", "pk")


def _submarkets(disciplines):
    seen = {}
    for discipline in disciplines:
        seen.setdefault(discipline.submarket.slug, discipline.submarket)
    return list(seen.values())


def _timestamp(moment):
    return moment.isoformat() if moment else None


def profile_record(profile) -> dict:
    """The API's and the CSV's view of one listed profile."""
    contact = visible_contact_details(profile, None)
    disciplines = list(profile.disciplines.all())
    municipality = profile.municipality
    return {
        "slug": profile.slug,
        "name": profile.name,
        "kind": profile.kind,
        "tagline": profile.tagline,
        "description": profile.description,
        "url": absolute_url(profile.get_absolute_url()),
        "website": profile.website,
        "municipality": {"slug": municipality.slug, "name": municipality.name},
        "district": {"slug": municipality.district.slug, "name": municipality.district.name},
        "association": {"slug": profile.association.slug, "name": profile.association.name},
        "submarkets": [
            {"slug": submarket.slug, "name": submarket.name}
            for submarket in _submarkets(disciplines)
        ],
        "disciplines": [
            {"slug": discipline.slug, "name": discipline.name} for discipline in disciplines
        ],
        "open_for_commissions": profile.open_for_commissions,
        "seeks_cooperation": profile.seeks_cooperation,
        "phone": contact["phone"] or None,
        "street_address": contact["street_address"] or None,
        "postal_code": contact["postal_code"] or None,
        "links": [{"kind": link.kind, "url": link.url} for link in profile.links.all()],
        "image": absolute_rendition_url(None, profile.image_renditions) or None,
        "gallery": [
            {
                "image": absolute_rendition_url(None, image.renditions) or None,
                "alt_text": image.alt_text,
                "caption": image.caption,
            }
            for image in profile.gallery.all()
        ],
        "published_at": _timestamp(profile.published_at),
        "updated_at": _timestamp(profile.updated_at),
    }


def csv_row(record) -> list:
    """A record flattened to the columns of CSV_FIELDS: names for places and vocabularies,
    lists joined with " | "."""
    flat = {
        **record,
        "municipality": record["municipality"]["name"],
        "district": record["district"]["name"],
        "association": record["association"]["name"],
        "submarkets": " | ".join(item["name"] for item in record["submarkets"]),
        "disciplines": " | ".join(item["name"] for item in record["disciplines"]),
        "links": " | ".join(link["url"] for link in record["links"]),
        "open_for_commissions": "1" if record["open_for_commissions"] else "0",
        "seeks_cooperation": "1" if record["seeks_cooperation"] else "0",
    }
    return [flat[name] if flat[name] is not None else "" for name in CSV_FIELDS]


def profile_linked_data(profile) -> dict:
    """schema.org Person or Organization: the profile page's JSON-LD, plus the phone and
    the street address where the member made them public."""
    disciplines = list(profile.disciplines.all())
    data = profile_json_ld(None, profile, disciplines, list(profile.links.all()))
    data.pop("@context", None)
    data["identifier"] = profile.slug
    contact = visible_contact_details(profile, None)
    if contact["phone"]:
        data["telephone"] = contact["phone"]
    if contact["show_address"]:
        if contact["street_address"]:
            data["address"]["streetAddress"] = contact["street_address"]
        if contact["postal_code"]:
            data["address"]["postalCode"] = contact["postal_code"]
    return data
