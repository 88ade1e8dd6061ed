"""Photos of a listing: the safe upload path, the limit, removing one, and files that go
with a deleted listing."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from raeume.models import MAX_PHOTOS, Listing, ListingPhoto
from tests.medien.hostile_uploads import HOSTILE_UPLOADS
from tests.space_listings import SpaceListingFactory, add_photo, png_upload

# One of each refusal: a bomb, a script in disguise, a damaged image, an empty file.
HOSTILE_SAMPLE = [
    case
    for case in HOSTILE_UPLOADS
    if case.id
    in {"png-bomb-30000x30000", "svg-with-script-named-png", "png-text-chunk-bomb", "empty-file"}
]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored_files(media):
    return sorted(p.relative_to(media).as_posix() for p in media.rglob("*") if p.is_file())


@pytest.fixture
def listing(owner):
    return SpaceListingFactory(poster=owner)


def photos_url(listing):
    return f"/raeume/{listing.pk}/fotos/"


def test_a_photo_is_stored_as_clean_webp_with_renditions(
    client, owner, listing, media, django_capture_on_commit_callbacks
):
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            photos_url(listing),
            {"image": png_upload("urlaub.png", size=(600, 400)), "alt_text": "Raum mit Fenster"},
        )
    assert response.status_code == 302
    photo = ListingPhoto.objects.get()
    assert photo.image.name.startswith("raeume/") and photo.image.name.endswith(".webp")
    assert [r["width"] for r in ListingPhoto.objects.get().renditions] == [480, 600]
    assert "urlaub" not in " ".join(stored_files(media))
    html = client.get(listing.get_absolute_url()).content.decode()
    assert 'alt="Raum mit Fenster"' in html


@pytest.mark.parametrize("case", HOSTILE_SAMPLE, ids=lambda case: case.id)
def test_hostile_files_get_a_german_error_and_nothing_is_stored(
    client, owner, listing, media, case
):
    client.force_login(owner)
    uploaded = case.build()
    try:
        response = client.post(photos_url(listing), {"image": uploaded, "alt_text": "Ein Bild"})
    finally:
        uploaded.close()
    assert response.status_code == 400
    [error] = response.context["form"].errors.as_data()["image"]
    assert error.code == case.code
    assert not ListingPhoto.objects.exists()
    assert stored_files(media) == []


def test_a_photo_needs_its_description(client, owner, listing, media):
    client.force_login(owner)
    response = client.post(photos_url(listing), {"image": png_upload(), "alt_text": ""})
    assert response.context["form"].errors["alt_text"]
    assert not ListingPhoto.objects.exists()


def test_a_listing_holds_at_most_eight_photos(client, owner, listing, media):
    for position in range(MAX_PHOTOS):
        add_photo(listing, position=position)
    client.force_login(owner)
    response = client.post(photos_url(listing), {"image": png_upload(), "alt_text": "Noch eins"})
    with translation.override("de"):
        expected = gettext(
            "This listing already has %(count)s photos, the most it can show. Please remove a "
            "photo before you upload another one."
        ) % {"count": MAX_PHOTOS}
    assert expected in response.context["form"].non_field_errors()
    assert ListingPhoto.objects.count() == MAX_PHOTOS


def test_removing_a_photo_deletes_its_files(
    client, owner, listing, media, django_capture_on_commit_callbacks
):
    photo = add_photo(listing)
    assert stored_files(media)
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/raeume/{listing.pk}/fotos/{photo.pk}/entfernen/")
    assert response.status_code == 302
    assert not ListingPhoto.objects.exists()
    assert stored_files(media) == []


def test_nobody_else_removes_or_adds_photos(client, other_member, listing, media):
    photo = add_photo(listing)
    client.force_login(other_member)
    assert client.post(f"/raeume/{listing.pk}/fotos/{photo.pk}/entfernen/").status_code == 404
    response = client.post(photos_url(listing), {"image": png_upload(), "alt_text": "Fremd"})
    assert response.status_code == 404
    assert ListingPhoto.objects.count() == 1


def test_a_photo_of_another_listing_cannot_be_removed_through_mine(client, owner, listing, media):
    foreign = add_photo(SpaceListingFactory())
    client.force_login(owner)
    assert client.post(f"/raeume/{listing.pk}/fotos/{foreign.pk}/entfernen/").status_code == 404
    assert ListingPhoto.objects.filter(pk=foreign.pk).exists()


def test_deleting_a_listing_deletes_its_photos_and_their_files(
    client, owner, listing, media, django_capture_on_commit_callbacks
):
    add_photo(listing)
    add_photo(listing, position=1)
    assert len(stored_files(media)) == 4  # two originals, one rendition each
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/raeume/{listing.pk}/loeschen/")
    assert response.status_code == 302
    assert not Listing.objects.filter(pk=listing.pk).exists()
    assert not ListingPhoto.objects.exists()
    assert stored_files(media) == []
