"""Receivers for the images of associations and their contact persons: renditions once the
transaction commits (medien.images), files go once no row refers to them
(medien.file_cleanup). Here rather than in verbaende, which sits below medien."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from medien.file_cleanup import track_image_files
from medien.images import PORTRAIT_WIDTHS, refresh_renditions_after_commit
from verbaende.models import Association, ContactPerson

LOGO_WIDTHS = (240, 480)

track_image_files(Association, "logo", "logo_renditions")
track_image_files(ContactPerson, "photo", "photo_renditions")


@receiver(post_save, sender=Association)
def render_logo(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_renditions_after_commit(instance, "logo", "logo_renditions", LOGO_WIDTHS)


@receiver(post_save, sender=ContactPerson)
def render_photo(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_renditions_after_commit(
            instance, "photo", "photo_renditions", PORTRAIT_WIDTHS, square=True
        )
