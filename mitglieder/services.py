"""Writes of the member self-service that touch several rows; each runs in one transaction.

The profile row is locked (`select_for_update`) before anything is checked, so two requests
for the same profile take turns: a stale form is refused instead of overwriting a change.
"""

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from medien.images import delete_renditions
from mitglieder import contact_address
from mitglieder.models import GalleryImage, Profile
from mitglieder.self_service_forms import MAX_GALLERY_IMAGES, image_fingerprint


class StaleProfileError(Exception):
    """The profile was saved elsewhere after the form was loaded."""

    def __init__(self, current_version):
        super().__init__(current_version)
        self.current_version = current_version


class StaleImageError(Exception):
    """The image's description was changed elsewhere after the form was loaded."""


class GalleryFullError(Exception):
    pass


class NotADraftError(Exception):
    def __init__(self, status):
        super().__init__(status)
        self.status = status


def change_reason(message):
    """History entries are read by staff in the German admin: store them in German."""
    with translation.override(settings.LANGUAGE_CODE):
        return gettext(message)


def _lock(profile_pk):
    return Profile.objects.select_for_update().get(pk=profile_pk)


@transaction.atomic
def save_profile(form, links_formset, *, submitted_version):
    """Save a valid ProfileForm (the whole one or a section's) and its links formset (None
    for a section without links), unless the profile changed meanwhile.

    Raises StaleProfileError (and writes nothing) when the profile's version is no longer
    the one the form was loaded with.
    """
    profile = form.instance
    current = _lock(profile.pk)
    if current.version != submitted_version:
        raise StaleProfileError(current.version)

    # Fields the member cannot edit (status, association, renditions, ...) may have been
    # changed by staff since this request loaded the profile: take them from the locked row.
    form_fields = set(form._meta.fields)
    others = [
        field.attname
        for field in Profile._meta.concrete_fields
        if not field.primary_key and field.name not in form_fields
    ]
    profile.refresh_from_db(fields=others)

    profile = form.save(commit=False)
    # Disciplines first and without their own history entries, so the single entry written
    # by save() below holds the complete new state.
    profile.skip_history_when_saving = True
    try:
        form.save_m2m()
    finally:
        del profile.skip_history_when_saving
    profile._change_reason = change_reason(gettext_noop("Edited by a member"))
    profile.save()
    if profile.contact_email != current.contact_email:
        contact_address.address_changed(profile)

    if links_formset is not None:
        _save_links(profile, links_formset)

    Profile.objects.filter(pk=profile.pk).update(version=F("version") + 1)
    profile.refresh_from_db(fields=["version"])
    return profile


def _save_links(profile, links_formset):
    links_formset.instance = profile
    links = links_formset.save(commit=False)
    for link in links_formset.deleted_objects:
        link.delete()
    next_position = (profile.links.aggregate(last=Max("position"))["last"] or 0) + 1
    for link in links:
        if link.pk is None:
            link.position = next_position
            next_position += 1
        link.save()


@transaction.atomic
def submit_for_review(profile):
    """A draft goes to the association for review; anything else is refused."""
    locked = _lock(profile.pk)
    if locked.status != Profile.Status.DRAFT:
        raise NotADraftError(locked.status)
    locked.status = Profile.Status.IN_REVIEW
    locked.submitted_at = timezone.now()
    locked._change_reason = change_reason(gettext_noop("Submitted for review"))
    locked.save(update_fields=["status", "submitted_at", "updated_at"])
    return locked


@transaction.atomic
def add_gallery_image(profile, form):
    _lock(profile.pk)
    images = GalleryImage.objects.filter(profile=profile)
    if images.count() >= MAX_GALLERY_IMAGES:
        raise GalleryFullError
    files = form.cleaned_data["image"]
    if images.count() + len(files) > MAX_GALLERY_IMAGES:
        raise GalleryFullError
    position = images.aggregate(last=Max("position"))["last"] or 0
    added = []
    for upload in files:
        position += 1
        image = GalleryImage(
            profile=profile,
            image=upload,
            alt_text=form.cleaned_data["alt_text"],
            caption=form.cleaned_data.get("caption", ""),
            position=position,
        )
        image.save()
        added.append(image)
    return added


@transaction.atomic
def update_gallery_image(form, *, loaded):
    """Save alt text and caption unless someone changed them since the form was loaded."""
    image = form.instance
    _lock(image.profile_id)
    stored = GalleryImage.objects.get(pk=image.pk)
    if loaded != image_fingerprint(stored):
        raise StaleImageError
    return form.save()


@transaction.atomic
def move_gallery_image(profile, image_pk, *, up):
    """Swap an image with its neighbour; positions are renumbered 0, 1, 2, ... on the way."""
    _lock(profile.pk)
    images = list(GalleryImage.objects.filter(profile=profile).order_by("position", "pk"))
    index = next(i for i, image in enumerate(images) if image.pk == image_pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(images):
        return False
    images[index], images[other] = images[other], images[index]
    for position, image in enumerate(images):
        image.position = position
    GalleryImage.objects.bulk_update(images, ["position"])
    return True


@transaction.atomic
def delete_gallery_image(profile, image):
    _lock(profile.pk)
    name, renditions = image.image.name, list(image.renditions)
    image.delete()

    def delete_files():
        delete_renditions(renditions)
        if name:
            default_storage.delete(name)

    transaction.on_commit(delete_files)
