"""Delete stored image files once no row refers to them any more.

- A deleted GalleryImage or Profile takes its original and its WebP renditions along (the
  gallery images of a deleted profile are deleted row by row, so the same receiver runs).
- A replaced or cleared Profile.image or GalleryImage.image takes the old original along;
  its renditions go with `refresh_renditions` (medien.images), which the post_save
  receiver defers to the same commit and which replaces renditions of another file.
- Other apps' models with an image and its renditions (news, success reports) join with
  `track_image_files(Model, "image", "image_renditions")` and get the same treatment.

Files go only after the transaction commits (`transaction.on_commit`): a rolled-back
delete or save keeps its files. The callbacks are robust, so a storage hiccup after the
commit is logged instead of turning a successful request into an error. A name still
referenced by another profile or gallery image is kept.

Not covered: QuerySet.update() and bulk operations bypass signals, and history rows
(django-simple-history) keep the names of files deleted here.
"""

from functools import partial

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save

from medien.images import delete_renditions

# model: (image field, renditions field); filled by track_image_files.
IMAGE_FIELDS = {}

_REPLACED = "_replaced_image_name"


def is_referenced(name: str) -> bool:
    """Whether any tracked row (profile, gallery image, article...) still stores `name`."""
    return any(
        model._default_manager.filter(**{field: name}).exists()
        for model, (field, _renditions) in IMAGE_FIELDS.items()
    )


def delete_unreferenced(name: str, renditions=()) -> None:
    """Delete the original `name` and `renditions` unless a row still refers to `name`."""
    if name and is_referenced(name):
        return
    if name:
        default_storage.delete(name)
    delete_renditions(renditions)


def remember_replaced_image(sender, instance, raw=False, update_fields=None, **kwargs):
    """Note the stored file name if this save replaces or clears it."""
    setattr(instance, _REPLACED, "")
    field = IMAGE_FIELDS[sender][0]
    if raw or instance._state.adding or instance.pk is None:
        return
    if update_fields is not None and field not in update_fields:
        return
    stored = sender._default_manager.filter(pk=instance.pk).values_list(field, flat=True).first()
    # A new upload is not yet committed here, so its name cannot equal the stored one.
    if stored and stored != (getattr(instance, field).name or ""):
        setattr(instance, _REPLACED, stored)


def delete_replaced_image(sender, instance, raw=False, using=None, **kwargs):
    replaced = getattr(instance, _REPLACED, "")
    if raw or not replaced:
        return
    setattr(instance, _REPLACED, "")
    transaction.on_commit(partial(delete_unreferenced, replaced), using=using, robust=True)


def delete_files_of_deleted_row(sender, instance, using=None, **kwargs):
    field, renditions_field = IMAGE_FIELDS[sender]
    name = getattr(instance, field).name or ""
    renditions = list(getattr(instance, renditions_field) or [])
    if name or renditions:
        transaction.on_commit(
            partial(delete_unreferenced, name, renditions), using=using, robust=True
        )


def track_image_files(model, field, renditions_field):
    """Delete `model`'s image files when its rows drop or replace them (see above)."""
    IMAGE_FIELDS[model] = (field, renditions_field)
    uid = f"file_cleanup:{model._meta.label}"
    pre_save.connect(remember_replaced_image, sender=model, dispatch_uid=uid)
    post_save.connect(delete_replaced_image, sender=model, dispatch_uid=uid)
    post_delete.connect(delete_files_of_deleted_row, sender=model, dispatch_uid=uid)
