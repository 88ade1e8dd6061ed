"""Receivers for event images: renditions are made once the transaction commits
(medien.images), files go once no row refers to them (medien.file_cleanup)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from medien.file_cleanup import track_image_files
from medien.images import refresh_renditions_after_commit
from veranstaltungen.models import Event

EVENT_WIDTHS = (480, 960, 1440)

track_image_files(Event, "image", "image_renditions")


@receiver(post_save, sender=Event)
def render_event_image(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_renditions_after_commit(instance, "image", "image_renditions", EVENT_WIDTHS)
