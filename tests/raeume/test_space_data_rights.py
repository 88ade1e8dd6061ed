"""Raumbörse listings in the data export and in the deletion of an account."""

import io
import json
import zipfile

import pytest
from django.utils import translation
from django.utils.translation import ngettext

from raeume.models import Listing, ListingPhoto
from tests.space_listings import SpaceListingFactory, add_photo, feature

EXPORT = "/konto/daten/"
DELETE = "/konto/loeschen/"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored_files(media):
    return sorted(p.relative_to(media).as_posix() for p in media.rglob("*") if p.is_file())


@pytest.fixture
def posted(owner, media):
    listing = SpaceListingFactory(
        poster=owner, title="Atelier von Olga", features=[feature("kueche")]
    )
    add_photo(listing, alt_text="Küche mit Fenster")
    return listing


def test_the_export_contains_the_listings_and_their_photos(client, owner, posted):
    SpaceListingFactory(title="Fremde Anzeige")
    client.force_login(owner)
    response = client.post(EXPORT)
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    data = json.loads(archive.read("daten.json"))
    (listing,) = data["space_listings"]
    assert listing["title"] == "Atelier von Olga"
    assert listing["street_address"] == "Musterstraße 1"
    assert listing["municipality"] == "Chemnitz"
    assert listing["features"] == ["Küche"]
    assert "poster" not in listing and "reviewed_by" not in listing
    (photo,) = listing["photos"]
    assert photo["alt_text"] == "Küche mit Fenster"
    assert archive.read(photo["image_file"]) == posted.photos.get().image.open("rb").read()


def test_the_deletion_page_names_the_listings(client, owner, posted):
    client.force_login(owner)
    html = client.get(DELETE).content.decode()
    with translation.override("de"):
        expected = ngettext(
            "%(count)s listing in the Raumbörse, with its photos",
            "%(count)s listings in the Raumbörse, with their photos",
            1,
        ) % {"count": 1}
    assert expected in html


def test_deleting_the_account_deletes_listings_photos_and_files(
    client, owner, posted, media, django_capture_on_commit_callbacks
):
    other = SpaceListingFactory(title="Bleibt")
    add_photo(other)
    mine = {posted.photos.get().image.name, *(r["name"] for r in posted.photos.get().renditions)}
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(DELETE, {"confirmation": "owner@example.org"})
    assert response.status_code == 302
    assert list(Listing.objects.values_list("title", flat=True)) == ["Bleibt"]
    assert ListingPhoto.objects.get().listing == other
    assert not mine & set(stored_files(media))
    assert len(stored_files(media)) == 2  # the other listing's photo and rendition
