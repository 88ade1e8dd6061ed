"""WebP renditions of stored images, for srcset on profile pages.

Originals are never served as uploaded: pages only link renditions, which are re-encoded
by Pillow (so they carry no metadata) and sized to what a layout can use.

Post_save receivers of the models with images defer `refresh_renditions` until the
transaction commits (`refresh_renditions_after_commit`); until then the row keeps its old
renditions. Code that needs them before a commit calls `refresh_renditions` itself.
"""

import io
from functools import partial
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from PIL import Image, ImageOps

from kern.page_cache import content_changed
from kern.site_url import absolute_url

GALLERY_WIDTHS = (480, 960, 1440)
PORTRAIT_WIDTHS = (240, 480)
WEBP_QUALITY = 80


def _flatten(image):
    """RGB for WebP renditions; transparent logos sit on white, not on black."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def rendition_name(original_name: str, width: int) -> str:
    path = PurePosixPath(original_name)
    return str(PurePosixPath("renditions") / path.parent / f"{path.stem}-{width}.webp")


def create_renditions(field_file, widths, *, square=False) -> list[dict]:
    """Write WebP renditions of `field_file` at each width not wider than the original."""
    field_file.open("rb")
    try:
        with Image.open(field_file) as original:
            original = _flatten(ImageOps.exif_transpose(original))
    finally:
        field_file.close()
    if square:
        side = min(original.size)
        original = ImageOps.fit(original, (side, side))
    usable = [w for w in widths if w < original.width] + [min(max(widths), original.width)]
    renditions = []
    for width in sorted(set(usable)):
        height = round(original.height * width / original.width)
        resized = original.resize((width, height), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        resized.save(buffer, "WEBP", quality=WEBP_QUALITY, method=4)
        name = rendition_name(field_file.name, width)
        if default_storage.exists(name):
            default_storage.delete(name)
        default_storage.save(name, ContentFile(buffer.getvalue()))
        renditions.append(
            {"width": width, "height": height, "name": name, "source": field_file.name}
        )
    return renditions


def delete_renditions(renditions) -> None:
    for rendition in renditions or []:
        default_storage.delete(rendition["name"])


def srcset(renditions) -> str:
    return ", ".join(f"{default_storage.url(r['name'])} {r['width']}w" for r in renditions or [])


def absolute_rendition_url(request, renditions) -> str:
    """The widest rendition's absolute URL, for OpenGraph and JSON-LD; empty if none."""
    if not renditions:
        return ""
    return absolute_url(default_storage.url(renditions[-1]["name"]))


def renditions_are_current(field_file, renditions) -> bool:
    return bool(renditions) and renditions[0].get("source") == field_file.name


def refresh_renditions(instance, image_field, renditions_field, widths, *, square=False):
    """Keep the WebP renditions of `instance`'s stored row in step with its stored image;
    drop stale ones. `instance` gets the stored image and renditions too."""
    try:
        # The row as stored counts: after a commit, `instance` may be one of several
        # copies of the row that the transaction saved.
        instance.refresh_from_db(fields=[image_field, renditions_field])
    except type(instance).DoesNotExist:
        return  # Deleted since: medien.file_cleanup deletes its files.
    image = getattr(instance, image_field)
    current = getattr(instance, renditions_field)
    if image and renditions_are_current(image, current):
        return
    delete_renditions(current)
    renditions = create_renditions(image, widths, square=square) if image else []
    setattr(instance, renditions_field, renditions)
    # update() rather than save(): no second post_save, no changed updated_at. Without a
    # signal, cached pages that link the old renditions are invalidated here.
    type(instance).objects.filter(pk=instance.pk).update(**{renditions_field: renditions})
    content_changed()


def refresh_renditions_after_commit(instance, image_field, renditions_field, widths, **options):
    """For post_save receivers: `refresh_renditions` once the transaction commits (at once
    outside one), so a rolled-back save neither writes renditions nor deletes the current
    ones. After the commit an error is logged; the saved row stays as it is."""
    transaction.on_commit(
        partial(refresh_renditions, instance, image_field, renditions_field, widths, **options),
        robust=True,
    )
