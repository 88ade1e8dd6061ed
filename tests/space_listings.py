"""Raumbörse listings for tests: a published offer in Chemnitz unless told otherwise."""

import datetime
import io
from decimal import Decimal

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from raeume.models import Feature, Listing, ListingPhoto
from tests.factories import UserFactory, after_commit
from verbaende.models import District, Municipality


class SpaceListingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Listing
        skip_postgeneration_save = True

    listing_type = Listing.ListingType.OFFER
    space_kind = Listing.SpaceKind.STUDIO
    title = factory.Sequence(lambda n: f"Helles Atelier {n}")
    description = "Ein heller Raum mit großen Fenstern im Erdgeschoss."
    poster = factory.SubFactory(UserFactory)
    poster_name = "Hausverwaltung Beispiel"
    size_m2 = 40
    price = Decimal("320.00")
    price_unit = Listing.PriceUnit.MONTH
    municipality = factory.LazyFunction(lambda: Municipality.objects.get(slug="chemnitz"))
    postal_code = "09111"
    street_address = "Musterstraße 1"
    status = Listing.Status.PUBLISHED
    submitted_at = factory.LazyFunction(timezone.now)
    published_at = factory.LazyFunction(timezone.now)
    expires_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=90))

    @factory.post_generation
    def features(self, create, extracted, **kwargs):
        if create and extracted:
            self.features.set(extracted)


def space_request(**kwargs):
    """A published request (Gesuch) for 30 to 80 m² up to 400 € in Chemnitz."""
    listing = SpaceListingFactory(
        listing_type=Listing.ListingType.REQUEST,
        size_m2=None,
        price=None,
        size_min_m2=kwargs.pop("size_min_m2", 30),
        size_max_m2=kwargs.pop("size_max_m2", 80),
        max_price=kwargs.pop("max_price", Decimal("400")),
        **kwargs,
    )
    listing.wanted_districts.set([District.objects.get(slug="chemnitz")])
    return listing


def feature(slug):
    return Feature.objects.get(slug=slug)


def png_bytes(size=(64, 48), color=(200, 60, 40)):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return buffer.getvalue()


def png_upload(name="raum.png", **kwargs):
    return SimpleUploadedFile(name, png_bytes(**kwargs), content_type="image/png")


def add_photo(listing, alt_text="Blick in den Raum mit zwei Fenstern", position=0):
    """A stored photo with its renditions, as after the upload's commit."""
    from medien.uploads import sanitize_image

    with after_commit():
        return ListingPhoto.objects.create(
            listing=listing,
            image=sanitize_image(png_upload()),
            alt_text=alt_text,
            position=position,
        )
