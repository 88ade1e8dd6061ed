from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from core import versions
from medien.file_cleanup import track_image_files
from medien.images import GALLERY_WIDTHS, PORTRAIT_WIDTHS, refresh_renditions
from mitglieder.indexing import refresh_search_index
from mitglieder.models import PROFILES_VERSION, GalleryImage, Profile
from sparten.models import Discipline
from verbaende.models import Municipality

# Stored image files go once no row refers to them any more.
track_image_files(Profile, "image", "image_renditions")
track_image_files(GalleryImage, "image", "renditions")


@receiver(post_delete, sender=Profile)
def forget_deleted_profile(sender, instance, **kwargs):
    versions.bump(PROFILES_VERSION)


@receiver(post_save, sender=Profile)
def reindex_saved_profile(sender, instance, raw=False, **kwargs):
    versions.bump(PROFILES_VERSION)
    if not raw:
        refresh_search_index([instance.pk])
        refresh_renditions(instance, "image", "image_renditions", PORTRAIT_WIDTHS, square=True)


@receiver(post_save, sender=GalleryImage)
def render_gallery_image(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_renditions(instance, "image", "renditions", GALLERY_WIDTHS)


@receiver(m2m_changed, sender=Profile.disciplines.through)
def reindex_after_discipline_change(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    versions.bump(PROFILES_VERSION)
    if reverse:
        # A discipline gained or lost profiles: those profiles' documents changed.
        refresh_search_index(pk_set or [])
    else:
        refresh_search_index([instance.pk])


@receiver(post_save, sender=Discipline)
@receiver(post_save, sender=Municipality)
def reindex_after_rename(sender, instance, raw=False, created=False, **kwargs):
    # A renamed discipline or place changes what its profiles are found by.
    if not raw and not created:
        refresh_search_index(instance.profiles.values_list("pk", flat=True))
        versions.bump(PROFILES_VERSION)
