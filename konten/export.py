"""The data export (DSGVO Art. 15 and 20): everything stored about a user, as a ZIP archive.

The archive holds `daten.json` (machine-readable, see `collect_data`) and the original image
files of every profile the user edits (portrait or logo, gallery, success reports) and of
their Raumbörse listings' photos, under `bilder/`.
"""

import json
import logging
import shutil
import zipfile
from itertools import chain
from pathlib import PurePosixPath
from tempfile import SpooledTemporaryFile

from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.utils import timezone

from aktuelles.models import SuccessReport
from benachrichtigungen.services import export_for_address
from kooperationen.models import Call
from mitglieder.models import MembershipRequest, Profile
from raeume.models import Listing

logger = logging.getLogger(__name__)

DATA_FILE = "daten.json"
IMAGE_FOLDER = "bilder"
# Archives up to this size stay in memory; bigger ones spill into a temporary file.
IN_MEMORY_BYTES = 10 * 1024 * 1024

# Derived columns that only serve search and sorting; they hold nothing of their own.
DERIVED_PROFILE_FIELDS = {
    "search_vector",
    "search_rank_vector",
    "search_count_vector",
    "completeness",
    "sort_name",
    "description_html",
}
# Links to other people's accounts (whoever submitted the report, the deciding staff member):
# their data, not the user's. The export says whether the user submitted it instead.
PERSONAL_REPORT_FIELDS = {"profile", "submitted_by", "decided_by"}


def export_filename(now=None) -> str:
    now = timezone.localtime(now)
    return f"kreativ-sachsen-daten-{now:%Y-%m-%d}.zip"


def exported_profiles(user):
    return (
        Profile.objects.editable_by(user)
        .select_related("municipality", "association")
        .prefetch_related("disciplines", "links", "gallery", "owners", "success_reports")
        .order_by("pk")
    )


def collect_data(user) -> dict:
    """All stored data about `user`: account, profiles they edit, requests, invitations."""
    profiles = list(exported_profiles(user))
    requests = (
        MembershipRequest.objects.filter(
            Q(email__iexact=user.email) | Q(profile__in=[p.pk for p in profiles])
        )
        .select_related("municipality", "association")
        .prefetch_related("disciplines")
        .order_by("pk")
    )
    invitations = user.invitations.select_related("profile").order_by("pk")
    calls = (
        Call.objects.filter(Q(author=user) | Q(profile__in=[p.pk for p in profiles]))
        .distinct()
        .select_related("profile", "municipality")
        .prefetch_related("submarkets")
        .order_by("pk")
    )
    return {
        "exported_at": timezone.now(),
        "account": _account(user),
        "profiles": [_profile(profile, user) for profile in profiles],
        "membership_requests": [_membership_request(request) for request in requests],
        "space_listings": [_space_listing(listing) for listing in exported_listings(user)],
        "invitations": [
            {
                "profile": invitation.profile.name,
                "sent_at": invitation.created_at,
                "expires_at": invitation.expires_at,
                "used_at": invitation.used_at,
            }
            for invitation in invitations
        ],
        "cooperation_calls": [_call(call, user) for call in calls],
        # Alerts are kept by address, not by account: those of the account's address.
        "alert_subscriptions": export_for_address(user.email),
    }


def exported_listings(user):
    return (
        Listing.objects.posted_by(user)
        .select_related("municipality", "profile")
        .prefetch_related("features", "wanted_districts", "photos")
        .order_by("pk")
    )


# Links to other people's accounts and bookkeeping of the staff: not the poster's data.
PERSONAL_LISTING_FIELDS = {"poster", "reviewed_by", "renewal_reminded_at"}


def _space_listing(listing) -> dict:
    data = {}
    for field in Listing._meta.concrete_fields:
        if field.name in PERSONAL_LISTING_FIELDS:
            continue
        data[field.name] = field.value_from_object(listing)
    data["municipality"] = listing.municipality.name
    data["profile"] = listing.profile.name if listing.profile_id else None
    data["features"] = [feature.name for feature in listing.features.all()]
    data["wanted_districts"] = sorted(d.name for d in listing.wanted_districts.all())
    data["photos"] = [
        {
            "image": photo.image.name,
            "image_file": _archived_path(photo.image),
            "width": photo.width,
            "height": photo.height,
            "alt_text": photo.alt_text,
            "position": photo.position,
        }
        for photo in listing.photos.all()
    ]
    return data


def _account(user) -> dict:
    # Never the password hash.
    return {
        "id": user.pk,
        "email": user.email,
        "full_name": user.full_name,
        "organisation": user.organisation,
        "is_active": user.is_active,
        "is_staff": user.is_staff,
        "is_superuser": user.is_superuser,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "registered_at": user.registered_at,
        "registration_confirmed_at": user.registration_confirmed_at,
        "association": user.association.name if user.association_id else None,
        "groups": sorted(user.groups.values_list("name", flat=True)),
    }


def _profile(profile, user) -> dict:
    data = {}
    for field in Profile._meta.concrete_fields:
        if field.name in DERIVED_PROFILE_FIELDS:
            continue
        value = field.value_from_object(profile)
        if field.name == "image":
            value = value.name or ""
        data[field.name] = value
    data["municipality"] = profile.municipality.name
    data["association"] = profile.association.name if profile.association_id else None
    data["image_file"] = _archived_path(profile.image)
    data["disciplines"] = sorted(d.name for d in profile.disciplines.all())
    # Other editors are other people: the export names only how many there are.
    data["other_editors"] = sum(1 for owner in profile.owners.all() if owner.pk != user.pk)
    data["links"] = [
        {"kind": link.kind, "url": link.url, "position": link.position}
        for link in profile.links.all()
    ]
    data["gallery"] = [
        {
            "image": item.image.name,
            "image_file": _archived_path(item.image),
            "width": item.width,
            "height": item.height,
            "alt_text": item.alt_text,
            "caption": item.caption,
            "position": item.position,
        }
        for item in profile.gallery.all()
    ]
    data["success_reports"] = [
        _success_report(report, user) for report in profile.success_reports.all()
    ]
    return data


def _success_report(report, user) -> dict:
    data = {}
    for field in SuccessReport._meta.concrete_fields:
        if field.name in PERSONAL_REPORT_FIELDS:
            continue
        value = field.value_from_object(report)
        if field.name == "image":
            value = value.name or ""
        data[field.name] = value
    data["submitted_by_you"] = report.submitted_by_id == user.pk
    data["image_file"] = _archived_path(report.image)
    return data


def _call(call, user) -> dict:
    return {
        "id": call.pk,
        "profile": call.profile.name,
        "written_by_you": call.author_id == user.pk,
        "direction": call.direction,
        "title": call.title,
        "description": call.description,
        "submarkets": sorted(s.name for s in call.submarkets.all()),
        "place": call.municipality.name if call.municipality_id else None,
        "deadline": call.deadline,
        "status": call.status,
        "created_at": call.created_at,
        "published_at": call.published_at,
        "expires_on": call.expires_on,
    }


def _membership_request(request) -> dict:
    return {
        "name": request.name,
        "kind": request.kind,
        "contact_name": request.contact_name,
        "email": request.email,
        "municipality": request.municipality.name,
        "association": request.association.name,
        "disciplines": sorted(d.name for d in request.disciplines.all()),
        "message": request.message,
        "status": request.status,
        "created_at": request.created_at,
        "decided_at": request.decided_at,
    }


def image_path(field_file) -> str | None:
    """Where an image lies inside the archive, or None without a file."""
    if not field_file or not field_file.name:
        return None
    parts = [part for part in PurePosixPath(field_file.name).parts if part not in {"..", "/"}]
    return str(PurePosixPath(IMAGE_FOLDER, *parts))


def _archived_path(field_file) -> str | None:
    """The image's place in the archive; None when there is no file (any more)."""
    path = image_path(field_file)
    if path is None or not default_storage.exists(field_file.name):
        return None
    return path


def _image_files(profiles):
    for profile in profiles:
        if profile.image:
            yield profile.image
        for item in profile.gallery.all():
            if item.image:
                yield item.image
        for report in profile.success_reports.all():
            if report.image:
                yield report.image


def build_archive(user) -> SpooledTemporaryFile:
    """The ZIP archive, rewound and ready to stream. Missing image files are left out."""
    data = collect_data(user)
    archive_file = SpooledTemporaryFile(max_size=IN_MEMORY_BYTES)  # noqa: SIM115
    with zipfile.ZipFile(archive_file, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            DATA_FILE, json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        )
        written = set()
        images = chain(
            _image_files(exported_profiles(user)),
            (
                photo.image
                for listing in exported_listings(user)
                for photo in listing.photos.all()
                if photo.image
            ),
        )
        for field_file in images:
            target = image_path(field_file)
            if target is None or target in written:
                continue
            try:
                # Images are compressed already: ZipInfo stores them as they are.
                entry = zipfile.ZipInfo(target, date_time=timezone.localtime().timetuple()[:6])
                with (
                    default_storage.open(field_file.name, "rb") as source,
                    archive.open(entry, "w") as destination,
                ):
                    shutil.copyfileobj(source, destination, 1024 * 1024)
            except OSError:
                logger.warning("Export: image file %s is missing", field_file.name)
                continue
            written.add(target)
    archive_file.seek(0)
    return archive_file
