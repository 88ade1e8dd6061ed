"""Pixel budget: what an upload may cost is bounded by what pages can show.

A 40-megapixel PNG used to be decoded in full (3.2 s of CPU), and staff uploads in the
profile admin bypassed the safe upload field altogether: stored as sent, with their
metadata, and decoded in full again for the renditions.
"""

import io

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.test import RequestFactory
from PIL import Image, ImageFile

from medien.uploads import MAX_PIXELS, MAX_STORED_SIDE, SafeImageField, sanitize_image
from tests.medien import hostile_uploads as corpus
from tests.profile_forms import admin_change_data


@pytest.fixture
def decoded_sizes(monkeypatch):
    """The size of every image at the moment Pillow decodes its pixels."""
    sizes = []
    load = ImageFile.ImageFile.load

    def recording_load(self):
        sizes.append(self.size)
        return load(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", recording_load)
    return sizes


def test_a_40_megapixel_png_is_refused_before_any_pixel_is_decoded(decoded_sizes):
    # 6 300 x 6 300: 39.7 megapixels, which the old limit of 40 let through to the decoder.
    forty_megapixels = corpus.upload("plakat.png", corpus.png_bomb_bytes(side=6_300))

    with pytest.raises(ValidationError) as refusal:
        sanitize_image(forty_megapixels)

    assert refusal.value.code == "too_many_pixels"
    assert decoded_sizes == []


def test_pillow_refuses_the_same_budget_wherever_an_image_is_opened():
    assert MAX_PIXELS == 25_000_000
    assert Image.MAX_IMAGE_PIXELS == MAX_PIXELS


def test_a_24_megapixel_camera_photo_is_accepted_and_decoded_at_a_reduced_scale(decoded_sizes):
    photo = Image.new("RGB", (6_000, 4_000), (200, 80, 40))
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", quality=70)

    stored = sanitize_image(corpus.upload("kamera.jpg", buffer.getvalue()))

    # The JPEG decoder scaled by 1/2 while decoding: a quarter of the pixels.
    assert decoded_sizes[0] == (3_000, 2_000)
    assert Image.open(stored).size == (MAX_STORED_SIDE, 1_920)


def image_form_fields(request):
    """(model, field name, form field class) for every image field the admin edits."""
    for model, model_admin in admin.site._registry.items():
        admins = [(model, model_admin.get_form(request))]
        admins += [
            (inline.model, inline.get_formset(request).form)
            for inline in model_admin.get_inline_instances(request)
        ]
        for edited_model, form in admins:
            for field in edited_model._meta.get_fields():
                if isinstance(field, models.ImageField) and field.name in form.base_fields:
                    yield edited_model.__name__, field.name, type(form.base_fields[field.name])


def test_every_image_field_in_the_admin_is_a_safe_upload(superuser):
    request = RequestFactory().get("/admin/")
    request.user = superuser

    fields = list(image_form_fields(request))

    assert {model for model, _, _ in fields} >= {"Profile", "GalleryImage", "NewsItem"}
    assert [entry for entry in fields if not issubclass(entry[2], SafeImageField)] == []


def test_a_staff_upload_in_the_profile_admin_is_re_encoded_without_metadata(
    client_for, superuser, owned_profile, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    staff = client_for(superuser)
    url, data = admin_change_data(staff, owned_profile)

    response = staff.post(url, data | {"image": corpus.photo_with_gps_and_orientation()})

    assert response.status_code == 302
    owned_profile.refresh_from_db()
    assert owned_profile.image.name.endswith(".webp")
    with Image.open(owned_profile.image.path) as stored:
        assert stored.format == "WEBP"
        assert not stored.getexif()
        assert stored.size == (48, 64)  # upright
