"""Receivers for listing photos: WebP renditions once the transaction commits, and the
files deleted once no row refers to them (medien.file_cleanup), as for gallery images."""

from django.db.models.signals import post_save

from medien.file_cleanup import track_image_files
from medien.images import GALLERY_WIDTHS, refresh_renditions_after_commit
from raeume.models import ListingPhoto

PHOTO_WIDTHS = GALLERY_WIDTHS


def render_photo(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_renditions_after_commit(instance, "image", "renditions", PHOTO_WIDTHS)


def connect():
    track_image_files(ListingPhoto, "image", "renditions")
    post_save.connect(render_photo, sender=ListingPhoto, dispatch_uid="raeume-photo-renditions")
