"""Writes of the poster's side of the Raumbörse: each in one transaction, the listing's row
locked where a count or a status is checked first."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from kern.rate_limits import Limit
from raeume.models import MAX_PHOTOS, Listing, ListingPhoto

# New listings per account and day: enough for a landlord with several spaces, too few
# for a spammer.
POSTING_LIMIT = Limit("raeume-new-listing", attempts=10, seconds=24 * 60 * 60)


class PhotosFullError(Exception):
    pass


def _lock(listing_pk):
    return Listing.objects.select_for_update().get(pk=listing_pk)


@transaction.atomic
def create_listing(form, poster):
    """A new listing waits for the association's review (status pending)."""
    listing = form.save(commit=False)
    listing.poster = poster
    listing.status = Listing.Status.PENDING
    listing.submitted_at = timezone.now()
    listing.save()
    form.save_m2m()
    return listing


@transaction.atomic
def update_listing(form):
    """A published listing stays published; a rejected one goes back for review."""
    listing = form.instance
    stored = _lock(listing.pk)
    listing = form.save(commit=False)
    if stored.status == Listing.Status.REJECTED:
        listing.status = Listing.Status.PENDING
        listing.submitted_at = timezone.now()
    else:
        listing.status = stored.status
    listing.save()
    form.save_m2m()
    return listing


@transaction.atomic
def set_taken(listing, taken):
    locked = _lock(listing.pk)
    if taken and locked.taken_at is None:
        locked.taken_at = timezone.now()
    elif not taken:
        locked.taken_at = None
    locked.save(update_fields=["taken_at", "updated_at"])
    return locked


@transaction.atomic
def delete_listing(listing):
    """The listing and its photos; their files and renditions go after the commit
    (medien.file_cleanup, connected in raeume.photos)."""
    _lock(listing.pk)
    for photo in ListingPhoto.objects.filter(listing=listing):
        photo.delete()
    Listing.objects.filter(pk=listing.pk).delete()


@transaction.atomic
def add_photo(listing, form):
    _lock(listing.pk)
    photos = ListingPhoto.objects.filter(listing=listing)
    if photos.count() >= MAX_PHOTOS:
        raise PhotosFullError
    photo = form.save(commit=False)
    photo.listing = listing
    photo.position = (photos.aggregate(last=Max("position"))["last"] or 0) + 1
    photo.save()
    return photo


@transaction.atomic
def delete_photo(photo):
    _lock(photo.listing_id)
    photo.delete()
