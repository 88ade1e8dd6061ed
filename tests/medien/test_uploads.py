"""Safe image uploads (medien.uploads) and the deletion of files nobody refers to
(medien.file_cleanup).

Decisions these tests pin down:
- Content decides, never the name: a valid PNG called `.txt` or `.gif`, or a JPEG called
  `.png`, is accepted and re-encoded; HTML, PHP, SVG, GIF, BMP, TIFF, PDF or a program
  called `.jpg` is refused.
- A GIF/JPEG polyglot that starts as a GIF is refused (GIF is not an allowed decoder). One
  that starts as a valid JPEG and carries a GIF, PHP or HTML after the image data (or in a
  JPEG comment) is accepted: the re-encoding keeps only the pixels, so none of it is stored.
"""

import io
import re
import warnings

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import override
from PIL import ExifTags, Image, ImageFile

from medien.file_cleanup import delete_unreferenced
from medien.uploads import ACCEPT, MAX_STORED_SIDE, SafeImageField, sanitize_image
from mitglieder.models import GalleryImage, Profile
from tests.factories import ProfileFactory, after_commit
from tests.medien import hostile_uploads as corpus
from tests.medien.hostile_uploads import ACCEPTED_ODDITIES, HOSTILE_UPLOADS

# The English msgids; the German catalogue translates them (see the form test below).
EXPECTED_MESSAGES = {
    "empty_file": "The file is empty. Please choose an image file.",
    "file_too_large": "The file is too large: at most 10 MB are allowed, this file has 50.0 MB.",
    "unsupported_format": (
        "This file is not an image we can accept. Please upload a JPEG, PNG or WebP image."
    ),
    "damaged_image": (
        "The image is damaged or incomplete. Please save it again and upload it once more."
    ),
    "too_many_pixels": (
        "The image has too many pixels: at most 25 megapixels are allowed. "
        "Please reduce its size and upload it again."
    ),
}

RANDOM_WEBP_NAME = re.compile(r"^[0-9a-f]{32}\.webp$")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored_files(media):
    return sorted(p.relative_to(media).as_posix() for p in media.rglob("*") if p.is_file())


def open_image(content_file):
    content_file.seek(0)
    image = Image.open(io.BytesIO(content_file.read()))
    image.load()
    return image


def refusal(uploaded_file):
    try:
        with pytest.raises(ValidationError) as caught:
            sanitize_image(uploaded_file)
    finally:
        uploaded_file.close()
    return caught.value


# --- Hostile uploads -----------------------------------------------------------------------


@pytest.mark.parametrize("case", HOSTILE_UPLOADS, ids=lambda case: case.id)
def test_every_hostile_upload_is_refused_with_a_clear_message_and_a_specific_code(case):
    with override("en"):
        error = refusal(case.build())
        assert error.code == case.code
        assert error.messages == [EXPECTED_MESSAGES[case.code]]


class GalleryUploadForm(forms.ModelForm):
    image = SafeImageField()

    class Meta:
        model = GalleryImage
        fields = ["image", "alt_text"]


@pytest.mark.parametrize("case", HOSTILE_UPLOADS, ids=lambda case: case.id)
def test_the_form_shows_a_german_error_and_stores_nothing_for_hostile_uploads(case, db, media):
    uploaded = case.build()
    try:
        with override("de"):
            form = GalleryUploadForm(
                data={"alt_text": "Ein Bild"},
                files={"image": uploaded},
                instance=GalleryImage(),
            )
            assert not form.is_valid()
            [error] = form.errors.as_data()["image"]
            assert error.code == case.code
            # Rendered in German without failing (the msgstr comes with the catalogue).
            assert form.errors["image"][0]
    finally:
        uploaded.close()
    assert stored_files(media) == []
    assert not GalleryImage.objects.exists()


def test_a_decompression_bomb_is_refused_with_a_clear_message():
    bomb = corpus.png_bomb_bytes()
    assert len(bomb) < 200_000  # 900 megapixels in a small file
    with override("en"):
        error = refusal(corpus.upload("bombe.png", bomb))
        assert "at most 25 megapixels" in error.messages[0]
    assert error.code == "too_many_pixels"


def test_the_size_limit_is_checked_before_the_file_is_read():
    class HugeUpload:
        name = "riesig.jpg"
        size = 50 * 1024 * 1024

        def read(self, *args):
            raise AssertionError("the file must not be read")

        seek = read

    with pytest.raises(ValidationError) as caught:
        sanitize_image(HugeUpload())
    assert caught.value.code == "file_too_large"


def test_a_file_of_exactly_ten_megabytes_is_not_refused_for_its_size():
    content = corpus.jpeg_bytes()
    padded = content + bytes(10 * 1024 * 1024 - len(content))  # trailing zeros after the image
    result = sanitize_image(corpus.upload("genau.jpg", padded))
    assert open_image(result).format == "WEBP"


def test_the_pixel_limit_is_checked_before_the_pixels_are_decoded(monkeypatch):
    def no_decoding(self):
        raise AssertionError("the pixels must not be decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    bomb = corpus.upload("bombe.webp", corpus.webp_with_declared_size(8_000, 6_000))
    with pytest.raises(ValidationError) as caught:
        sanitize_image(bomb)
    assert caught.value.code == "too_many_pixels"


def test_pillows_decompression_bomb_warning_never_escapes():
    with warnings.catch_warnings(record=True) as caught_warnings:
        warnings.simplefilter("always")
        error = refusal(corpus.upload("gross.png", corpus.png_with_header(10_000, 10_000)))
    assert error.code == "too_many_pixels"
    assert not [
        w for w in caught_warnings if issubclass(w.category, Image.DecompressionBombWarning)
    ]


def test_german_error_messages_render_with_their_numbers():
    with override("de"):
        error = refusal(corpus.fifty_megabyte_file())
        assert "10" in error.messages[0]
        assert "50,0" in error.messages[0]  # German decimal comma


# --- What is accepted, and what is left of it ----------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("foto.jpg", corpus.jpeg_bytes(64, 48)),
        ("grafik.png", corpus.png_bytes(64, 48)),
        ("bild.webp", corpus.webp_bytes(64, 48)),
    ],
)
def test_valid_jpeg_png_and_webp_images_are_accepted_and_re_encoded(name, content):
    result = sanitize_image(corpus.upload(name, content))
    assert isinstance(result, ContentFile)
    assert RANDOM_WEBP_NAME.match(result.name)
    assert result.name != name
    image = open_image(result)
    assert image.format == "WEBP"
    assert image.size == (64, 48)


@pytest.mark.parametrize("build", ACCEPTED_ODDITIES.values(), ids=ACCEPTED_ODDITIES.keys())
def test_a_valid_image_with_a_misleading_name_or_tail_is_accepted_and_keeps_only_pixels(build):
    uploaded = build()
    result = sanitize_image(uploaded)
    assert RANDOM_WEBP_NAME.match(result.name)
    data = result.read()
    for payload in (corpus.PHP_PAYLOAD, b"<?php", b"GIF8", b"<script", b"<!DOCTYPE"):
        assert payload not in data
    assert open_image(result).format == "WEBP"


def test_a_multi_picture_jpeg_from_a_phone_is_accepted_with_its_first_picture():
    first, second = Image.new("RGB", (30, 20), "red"), Image.new("RGB", (30, 20), "blue")
    content = corpus.image_bytes(first, "MPO", save_all=True, append_images=[second])
    assert Image.open(io.BytesIO(content)).format == "MPO"
    image = open_image(sanitize_image(corpus.upload("IMG_0001.jpg", content))).convert("RGB")
    red, _green, blue = image.getpixel((15, 10))
    assert red > 200 and blue < 60


def test_exif_gps_xmp_icc_profile_and_comments_are_removed():
    uploaded = corpus.photo_with_gps_and_orientation()
    with Image.open(uploaded) as original:  # the test photo really carries all of it
        assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert original.getexif()[ExifTags.Base.Make] == corpus.CAMERA_MAKE
        assert "icc_profile" in original.info
        assert corpus.XMP_SECRET in str(original.info.get("xmp"))
        assert original.info.get("comment") == corpus.COMMENT_SECRET

    result = sanitize_image(uploaded)
    data = result.read()
    for secret in (corpus.CAMERA_MAKE, corpus.CAMERA_SERIAL, corpus.XMP_SECRET):
        assert secret.encode() not in data
    assert corpus.COMMENT_SECRET not in data
    for chunk in (b"EXIF", b"Exif", b"ICCP", b"XMP ", b"VP8X"):
        assert chunk not in data
    image = open_image(result)
    assert len(image.getexif()) == 0
    assert not {"exif", "icc_profile", "xmp", "comment"} & set(image.info)


def test_the_exif_orientation_is_applied():
    result = sanitize_image(corpus.photo_with_gps_and_orientation())
    image = open_image(result).convert("RGB")
    # Stored 64 x 48 and sideways; shown upright it is 48 x 64 with the red corner top right.
    assert image.size == (48, 64)
    red, green, blue = image.getpixel((44, 4))
    assert red > 200 and green < 60 and blue < 60
    assert min(image.getpixel((4, 4))) > 200
    assert min(image.getpixel((4, 60))) > 200


def test_transparency_is_kept():
    logo = Image.new("RGBA", (40, 40), (0, 0, 0, 0))
    logo.paste((20, 90, 160, 255), (10, 10, 30, 30))
    result = sanitize_image(corpus.upload("logo.png", corpus.image_bytes(logo, "PNG")))
    image = open_image(result)
    assert image.mode == "RGBA"
    assert image.getpixel((0, 0))[3] == 0
    assert image.getpixel((20, 20))[3] == 255


def test_an_opaque_image_is_stored_without_an_alpha_channel():
    result = sanitize_image(corpus.upload("foto.png", corpus.png_bytes(mode="RGBA")))
    assert open_image(result).mode == "RGB"


def test_very_large_images_are_stored_at_most_2880_pixels_wide():
    content = corpus.image_bytes(Image.new("L", (5_000, 100), 128), "PNG")
    image = open_image(sanitize_image(corpus.upload("panorama.png", content)))
    assert MAX_STORED_SIDE == 2880
    assert image.size == (2880, 58)


# --- The form field ------------------------------------------------------------------------


def test_the_form_field_offers_only_the_accepted_types():
    html = SafeImageField().widget.render("image", None)
    assert f'accept="{ACCEPT}"' in html
    assert ACCEPT == "image/jpeg,image/png,image/webp"


def test_an_optional_field_without_a_file_stays_empty():
    assert SafeImageField(required=False).clean(None) is None


def test_the_form_stores_the_sanitized_image_under_a_random_name(reference_data, media):
    profile = ProfileFactory()
    form = GalleryUploadForm(
        data={"alt_text": "Ein Foto"},
        files={"image": corpus.photo_with_gps_and_orientation()},
        instance=GalleryImage(profile=profile),
    )
    assert form.is_valid(), form.errors
    with after_commit():
        image = form.save()
    assert re.fullmatch(r"gallery/[0-9a-f]{32}\.webp", image.image.name)
    assert (image.width, image.height) == (48, 64)
    assert image.renditions
    stored = stored_files(media)
    assert image.image.name in stored
    assert not [name for name in stored if "IMG_2024" in name]
    data = (media / image.image.name).read_bytes()
    assert corpus.CAMERA_MAKE.encode() not in data


# --- Deleting files nobody refers to -------------------------------------------------------


def sanitized(color=(200, 80, 40), size=(600, 400)):
    return sanitize_image(corpus.upload("foto.jpg", corpus.jpeg_bytes(*size, color=color)))


def gallery_image(profile, **kwargs):
    with after_commit():
        return GalleryImage.objects.create(
            profile=profile, image=sanitized(**kwargs), alt_text="Ein Werk"
        )


def with_portrait(profile):
    profile.image = sanitized()
    with after_commit():
        profile.save()
    return profile


def files_of(renditions):
    return [r["name"] for r in renditions]


def test_deleting_a_gallery_image_deletes_its_file_and_renditions(
    reference_data, media, django_capture_on_commit_callbacks
):
    profile = ProfileFactory()
    keep = gallery_image(profile, color=(0, 0, 0))
    image = gallery_image(profile)
    names = [image.image.name, *files_of(image.renditions)]
    assert all((media / name).exists() for name in names)

    with django_capture_on_commit_callbacks(execute=True):
        image.delete()

    assert not any((media / name).exists() for name in names)
    assert (media / keep.image.name).exists()
    assert all((media / name).exists() for name in files_of(keep.renditions))


def test_replacing_a_gallery_image_deletes_the_old_file_and_renditions(
    reference_data, media, django_capture_on_commit_callbacks
):
    image = gallery_image(ProfileFactory())
    old = [image.image.name, *files_of(image.renditions)]

    with django_capture_on_commit_callbacks(execute=True):
        image.image = sanitized(color=(0, 0, 255))
        image.save()

    assert not any((media / name).exists() for name in old)
    assert (media / image.image.name).exists()
    assert all((media / name).exists() for name in files_of(image.renditions))


def test_replacing_the_profile_image_deletes_the_old_original_and_renditions(
    reference_data, media, django_capture_on_commit_callbacks
):
    profile = ProfileFactory()
    with_portrait(profile)
    old = [profile.image.name, *files_of(profile.image_renditions)]
    assert len(old) == 3 and all((media / name).exists() for name in old)

    with django_capture_on_commit_callbacks(execute=True):
        profile.image = sanitized(color=(0, 128, 0))
        profile.save()

    assert not any((media / name).exists() for name in old)
    new = [profile.image.name, *files_of(profile.image_renditions)]
    assert sorted(new) == stored_files(media)


def test_removing_the_profile_image_deletes_the_file_and_renditions(
    reference_data, media, django_capture_on_commit_callbacks
):
    profile = ProfileFactory()
    with_portrait(profile)

    with django_capture_on_commit_callbacks(execute=True):
        profile.image = ""
        profile.save()

    assert stored_files(media) == []
    assert Profile.objects.get(pk=profile.pk).image_renditions == []


def test_saving_a_profile_without_a_new_image_keeps_its_files(
    reference_data, media, django_capture_on_commit_callbacks
):
    profile = ProfileFactory()
    with_portrait(profile)
    before = stored_files(media)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        profile.tagline = "Neue Beschreibung in einem Satz."
        profile.save()
        Profile.objects.get(pk=profile.pk).save(update_fields=["tagline"])

    # No file deletion is even scheduled (other after-commit work, such as invalidating
    # cached pages, may be).
    deletions = [c for c in callbacks if getattr(c, "func", None) is delete_unreferenced]
    assert deletions == []
    assert stored_files(media) == before


def test_deleting_a_profile_deletes_its_image_gallery_and_all_renditions(
    reference_data, media, django_capture_on_commit_callbacks
):
    profile = ProfileFactory()
    with_portrait(profile)
    gallery_image(profile)
    gallery_image(profile, color=(10, 10, 10))
    assert len(stored_files(media)) == 3 + 2 * 3  # originals and renditions

    with django_capture_on_commit_callbacks(execute=True):
        Profile.objects.get(pk=profile.pk).delete()

    assert stored_files(media) == []


def test_a_rolled_back_delete_keeps_the_files(
    reference_data, media, django_capture_on_commit_callbacks
):
    image = gallery_image(ProfileFactory())
    before = stored_files(media)

    pk = image.pk

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        image.delete()
        raise RuntimeError("the request failed after the delete")

    assert GalleryImage.objects.filter(pk=pk).exists()
    assert stored_files(media) == before


def test_renditions_are_made_once_the_save_commits(
    reference_data, media, django_capture_on_commit_callbacks
):
    profile = ProfileFactory()
    profile.image = sanitized()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        profile.save()
        # Until the commit the row has no renditions, and none are written.
        assert Profile.objects.get(pk=profile.pk).image_renditions == []
        assert not (media / "renditions").exists()

    stored = Profile.objects.get(pk=profile.pk).image_renditions
    assert [r["width"] for r in stored] == [240, 400]  # square, at most the 400 px it has
    assert all((media / name).exists() for name in files_of(stored))


def test_a_rolled_back_image_change_writes_no_renditions_and_keeps_the_old_ones(
    reference_data, media, django_capture_on_commit_callbacks
):
    profile = with_portrait(ProfileFactory())
    renditions = profile.image_renditions
    before = stored_files(media)

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        profile.image = sanitized(color=(0, 128, 0))
        profile.save()
        raise RuntimeError("the request failed after the save")

    assert Profile.objects.get(pk=profile.pk).image_renditions == renditions
    assert [name for name in stored_files(media) if name.startswith("renditions/")] == [
        name for name in before if name.startswith("renditions/")
    ]


def test_a_file_another_row_still_refers_to_is_kept(
    reference_data, media, django_capture_on_commit_callbacks
):
    profile = ProfileFactory()
    image = gallery_image(profile)
    twin = GalleryImage.objects.create(profile=profile, image=image.image.name, alt_text="Zwilling")
    before = stored_files(media)

    with django_capture_on_commit_callbacks(execute=True):
        image.delete()

    assert (media / twin.image.name).exists()
    assert stored_files(media) == before
