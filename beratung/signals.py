"""Advisor photos: renditions once the transaction commits (medien.images), files go once
no row refers to them (medien.file_cleanup)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from beratung.models import Advisor
from medien.file_cleanup import track_image_files
from medien.images import PORTRAIT_WIDTHS, refresh_renditions_after_commit

track_image_files(Advisor, "photo", "photo_renditions")


@receiver(post_save, sender=Advisor)
def render_advisor_photo(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_renditions_after_commit(
            instance, "photo", "photo_renditions", PORTRAIT_WIDTHS, square=True
        )
