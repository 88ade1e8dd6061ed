"""Receivers that notice changes to profiles, their disciplines and images, and to the
places and disciplines profiles are found by. They only bump the directory's cache version
and defer the work until the transaction commits: the search index (mitglieder.indexing)
and the image renditions (medien.images)."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from kern import versions
from medien.file_cleanup import track_image_files
from medien.images import GALLERY_WIDTHS, PORTRAIT_WIDTHS, refresh_renditions_after_commit
from mitglieder.indexing import reindex_after_commit
from mitglieder.models import PROFILES_VERSION, GalleryImage, Profile
from mitglieder.search import COMPOUND_PARTS_VERSION
from teilmaerkte.models import Discipline, Submarket
from verbaende.models import Municipality

# Stored image files go once no row refers to them any more.
track_image_files(Profile, "image", "image_renditions")
track_image_files(GalleryImage, "image", "renditions")

# Changes to what the directory counts and finds bump PROFILES_VERSION at once; the
# reindex after the commit bumps it again (mitglieder.indexing.refresh_search_index).


@receiver(post_delete, sender=Profile)
def forget_deleted_profile(sender, instance, **kwargs):
    versions.bump_now_and_at_commit(PROFILES_VERSION)


@receiver(post_save, sender=Profile)
def note_saved_profile(sender, instance, raw=False, **kwargs):
    versions.bump(PROFILES_VERSION)
    if not raw:
        reindex_after_commit([instance.pk])
        refresh_renditions_after_commit(
            instance, "image", "image_renditions", PORTRAIT_WIDTHS, square=True
        )


@receiver(post_save, sender=GalleryImage)
def note_saved_gallery_image(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_renditions_after_commit(instance, "image", "renditions", GALLERY_WIDTHS)


@receiver(m2m_changed, sender=Profile.disciplines.through)
def note_discipline_change(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    versions.bump(PROFILES_VERSION)
    if reverse:
        # A discipline gained or lost profiles: those profiles' documents changed.
        reindex_after_commit(pk_set or [])
    else:
        reindex_after_commit([instance.pk])


# A renamed place, discipline or submarket, or changed search terms, change what all its
# profiles are found by.


@receiver(post_save, sender=Municipality)
def note_renamed_place(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created:
        versions.bump(PROFILES_VERSION)
        reindex_after_commit(municipality_ids=[instance.pk])


@receiver(post_save, sender=Discipline)
@receiver(post_save, sender=Submarket)
@receiver(post_delete, sender=Discipline)
@receiver(post_delete, sender=Submarket)
def note_changed_compound_parts(sender, raw=False, **kwargs):
    # Their names and search terms are compound parts (mitglieder.search); the reindex
    # after the commit (below) already splits with the new ones.
    if not raw:
        versions.bump(COMPOUND_PARTS_VERSION)


@receiver(post_save, sender=Discipline)
def note_renamed_discipline(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created:
        versions.bump(PROFILES_VERSION)
        reindex_after_commit(discipline_ids=[instance.pk])


@receiver(post_save, sender=Submarket)
def note_changed_submarket(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created:
        versions.bump(PROFILES_VERSION)
        reindex_after_commit(discipline_ids=instance.disciplines.values_list("pk", flat=True))
