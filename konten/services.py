"""Multi-model writes for accounts: deleting one's own account (DSGVO Art. 17)."""

import logging
from dataclasses import dataclass, field

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Count, Q

from benachrichtigungen.services import delete_for_address, subscriptions_of_address
from konten.models import Invitation
from kooperationen.models import Call
from medien.images import delete_renditions
from mitglieder.models import GalleryImage, MembershipRequest, Profile, ProfileLink
from raeume.models import Listing, ListingPhoto

logger = logging.getLogger(__name__)


@dataclass
class DeletionPlan:
    """What deleting `user` removes; the confirmation page shows exactly this."""

    user: object
    # Profiles the user edits alone: deleted with their images and renditions.
    sole_profiles: list = field(default_factory=list)
    # Profiles with other editors: they stay and only lose this editor.
    shared_profiles: list = field(default_factory=list)
    invitation_count: int = 0
    membership_request_count: int = 0
    image_count: int = 0
    # Raumbörse listings the user posted: deleted with their photos.
    space_listing_count: int = 0
    # Calls of the sole profiles and those the user wrote for shared ones.
    call_count: int = 0
    alert_count: int = 0


def _membership_requests(user, sole_profile_ids):
    """Requests sent with the user's address, and those that created profiles they delete."""
    return MembershipRequest.objects.filter(
        Q(email__iexact=user.email) | Q(profile__in=sole_profile_ids)
    )


def _calls(user, sole_profile_ids):
    """Calls the user wrote, and every call of the profiles deleted with the account."""
    return Call.objects.filter(Q(author=user) | Q(profile__in=sole_profile_ids))


def deletion_plan(user) -> DeletionPlan:
    # Counted over all editors: annotating after filter(owners=user) would count only them.
    profiles = list(
        Profile.objects.filter(pk__in=Profile.objects.editable_by(user).values("pk"))
        .annotate(editor_count=Count("owners", distinct=True))
        .annotate(gallery_count=Count("gallery", distinct=True))
        .order_by("name", "pk")
    )
    for profile in profiles:
        profile.image_total = profile.gallery_count + (1 if profile.image else 0)
    sole = [p for p in profiles if p.editor_count <= 1]
    shared = [p for p in profiles if p.editor_count > 1]
    return DeletionPlan(
        user=user,
        sole_profiles=sole,
        shared_profiles=shared,
        invitation_count=Invitation.objects.filter(user=user).count(),
        membership_request_count=_membership_requests(user, [p.pk for p in sole]).count(),
        image_count=sum(p.image_total for p in sole),
        space_listing_count=Listing.objects.filter(poster=user).count(),
        call_count=_calls(user, [p.pk for p in sole]).count(),
        alert_count=subscriptions_of_address(user.email).count(),
    )


def _original_files(profiles) -> list[str]:
    """The uploaded images of `profiles` (portrait or logo, gallery), as storage names."""
    names = []
    for profile in profiles:
        if profile.image:
            names.append(profile.image.name)
        names.extend(item.image.name for item in profile.gallery.all() if item.image)
    return names


def _delete_files(names) -> None:
    """Delete stored files; already missing ones are fine (a cleanup receiver may have
    deleted them first)."""
    for name in names:
        try:
            if default_storage.exists(name):
                default_storage.delete(name)
        except OSError:
            logger.warning("Account deletion: could not delete %s", name, exc_info=True)


def _delete_renditions_quietly(renditions) -> None:
    try:
        delete_renditions(renditions)
    except OSError:
        logger.warning("Account deletion: could not delete renditions", exc_info=True)


def _delete_history(profile_ids) -> None:
    """The django-simple-history rows of `profile_ids`, with their discipline history."""
    history_model = Profile.history.model
    history = history_model.objects.filter(id__in=profile_ids)
    # The m2m history rows point at history rows without a database constraint (DO_NOTHING):
    # delete them first, explicitly.
    for relation in history_model._meta.related_objects:
        relation.related_model._default_manager.filter(
            **{f"{relation.field.name}__in": history.values("pk")}
        ).delete()
    history.delete()
    # Links and gallery images keep their own history, keyed by the profile they belonged to.
    for model in (ProfileLink, GalleryImage):
        model.history.model.objects.filter(profile_id__in=profile_ids).delete()


def delete_account(user) -> DeletionPlan:
    """Delete `user` and everything that is theirs alone.

    Removes: profiles they edit alone (with gallery, links, images and renditions, and their
    history), their Raumbörse listings with their photos, the cooperation calls they wrote
    or that belong to those profiles, their invitations, membership requests sent with
    their address, login attempt records, the alerts of their address, and the user.
    Profiles with other editors stay; they lose this editor, and a contact address equal to
    the user's address is cleared, also in their history. Files are deleted once the
    transaction has committed.
    """
    with transaction.atomic():
        plan = deletion_plan(user)
        sole_ids = [p.pk for p in plan.sole_profiles]
        sole_profiles = list(Profile.objects.filter(pk__in=sole_ids).prefetch_related("gallery"))
        files = _original_files(sole_profiles)
        renditions = [p.image_renditions for p in sole_profiles] + [
            item.renditions for p in sole_profiles for item in p.gallery.all()
        ]

        _membership_requests(user, sole_ids).delete()
        _calls(user, sole_ids).delete()
        Invitation.objects.filter(Q(user=user) | Q(profile__in=sole_ids)).delete()
        for profile in sole_profiles:
            # One by one, so that signal receivers (search index, file cleanup) run.
            profile.delete()
        # After the deletions: deleting a profile writes one more history row.
        _delete_history(sole_ids)

        shared_ids = [p.pk for p in plan.shared_profiles]
        Profile.objects.filter(pk__in=shared_ids, contact_email__iexact=user.email).update(
            contact_email="", confirmed_contact_email=""
        )
        Profile.objects.filter(
            pk__in=shared_ids, confirmed_contact_email__iexact=user.email
        ).update(confirmed_contact_email="")
        Profile.history.model.objects.filter(
            id__in=shared_ids, contact_email__iexact=user.email
        ).update(contact_email="")
        for profile in plan.shared_profiles:
            profile.owners.remove(user)

        # Photos one by one, so that medien.file_cleanup deletes their files and renditions
        # after the commit; then the listings.
        for photo in ListingPhoto.objects.filter(listing__poster=user):
            photo.delete()
        Listing.objects.filter(poster=user).delete()

        _delete_login_records(user.email)
        # Alerts belong to the address, which goes with the account.
        delete_for_address(user.email)
        user.delete()

        def delete_files():
            for rendition_list in renditions:
                _delete_renditions_quietly(rendition_list)
            _delete_files(files)

        transaction.on_commit(delete_files, robust=True)
    return plan


def _delete_login_records(email) -> None:
    """django-axes keeps login attempts by user name (the e-mail address)."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username__iexact=email).delete()
