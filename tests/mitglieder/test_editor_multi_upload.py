"""Several gallery images in one upload: each sanitized, all or none kept, the gallery limit
holds, and a refused file is named in the message."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from mitglieder.models import GalleryImage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def png(name="bild.png", color=(200, 40, 40)):
    buffer = io.BytesIO()
    Image.new("RGB", (80, 60), color).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def gallery_url(profile):
    return reverse("self_service:gallery", kwargs={"pk": profile.pk})


def test_the_upload_field_accepts_several_files(client_for, owner, owned_profile):
    html = client_for(owner).get(gallery_url(owned_profile)).content.decode()
    assert 'type="file"' in html
    assert "multiple" in html


def test_three_images_in_one_upload_are_all_saved_in_order(
    client_for, owner, owned_profile, media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(owner).post(
            gallery_url(owned_profile),
            {
                "image": [png("eins.png"), png("zwei.png"), png("drei.png")],
                "alt_text": "Plakatserie",
            },
        )
    assert response.status_code == 302
    images = list(GalleryImage.objects.filter(profile=owned_profile).order_by("position"))
    assert len(images) == 3
    assert [image.position for image in images] == sorted({i.position for i in images})
    assert all(image.image.name.endswith(".webp") for image in images)
    assert all(image.alt_text == "Plakatserie" for image in images)
    follow = client_for(owner).get(response.url).content.decode()
    assert "3" in follow


def test_one_hostile_file_keeps_none_and_names_the_file(client_for, owner, owned_profile, media):
    hostile = SimpleUploadedFile("boese.jpg", b"<script>alert(1)</script>\n" * 30, "image/jpeg")
    response = client_for(owner).post(
        gallery_url(owned_profile),
        {"image": [png("gut.png"), hostile], "alt_text": "Gemischt"},
    )
    assert response.status_code == 200
    errors = response.context["upload_form"].errors["image"]
    assert any("boese.jpg" in error for error in errors)
    assert not any("gut.png" in error for error in errors)
    assert "boese.jpg" in response.content.decode()
    assert not GalleryImage.objects.filter(profile=owned_profile).exists()


def test_more_images_than_the_gallery_has_room_for_are_refused(
    client_for, owner, owned_profile, media
):
    GalleryImage.objects.bulk_create(
        GalleryImage(
            profile=owned_profile,
            image=f"gallery/{n}.webp",
            alt_text=f"Bild {n}",
            width=1,
            height=1,
        )
        for n in range(11)
    )
    response = client_for(owner).post(
        gallery_url(owned_profile),
        {"image": [png("a.png"), png("b.png")], "alt_text": "Zwei zu viel"},
    )
    assert response.status_code == 200
    assert owned_profile.gallery.count() == 11
    assert response.context["upload_form"].non_field_errors()


@pytest.mark.parametrize("who", [None, "other_member", "staff_leipzig"])
def test_strangers_cannot_upload(client_for, owned_profile, media, request, who):
    user = request.getfixturevalue(who) if who else None
    response = client_for(user).post(
        gallery_url(owned_profile), {"image": [png()], "alt_text": "Fremd"}
    )
    assert response.status_code in (302, 403, 404)
    assert not GalleryImage.objects.filter(profile=owned_profile).exists()
