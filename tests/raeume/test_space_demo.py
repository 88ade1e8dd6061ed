"""Demo Raumbörse listings: seeded published, with photos, listed at /raeume/."""

from demo.spaces import SPACES, create_demo_spaces
from raeume.models import Listing, ListingPhoto


def test_demo_listings_are_public_and_have_photos(client, reference_data, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    created = create_demo_spaces()
    assert len(created) == len(SPACES)
    assert Listing.objects.public().count() == len(SPACES)
    assert Listing.objects.requests().count() == 2
    photo = ListingPhoto.objects.first()
    assert photo.renditions and photo.alt_text.startswith("Platzhalterbild")
    response = client.get("/raeume/")
    assert response.context["total"] == len(SPACES)
