"""Demo Raumbörse listings for `seed_demo`: offers and requests across Saxony, some with
placeholder photos. All places are real, the spaces and posters invented."""

import datetime
from decimal import Decimal
from typing import NamedTuple

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from demo.placeholders import GALLERY_SIZE, render_artwork
from konten.models import User
from medien.images import create_renditions
from raeume.models import Feature, Listing, ListingPhoto
from raeume.photos import PHOTO_WIDTHS
from verbaende.models import District, Municipality

DEMO_POSTER_EMAIL = "raumboerse-demo@example.org"


class DemoSpace(NamedTuple):
    listing_type: str
    space_kind: str
    title: str
    place: str  # municipality slug
    postal_code: str
    size: tuple  # (size_m2,) for offers, (min, max) for requests
    price: str | None
    price_unit: str
    features: tuple
    photos: int
    poster_name: str


SPACES = [
    DemoSpace(
        "offer",
        "studio",
        "Helles Atelier im Kaßberg-Hinterhaus",
        "chemnitz",
        "09112",
        (38,),
        "290",
        "month",
        ("tageslicht", "kueche"),
        2,
        "Hausverwaltung Kaßberg",
    ),
    DemoSpace(
        "offer",
        "coworking",
        "Coworking-Plätze in der Spinnerei",
        "leipzig",
        "04179",
        (1,),
        "180",
        "month",
        ("internet", "kueche", "barrierefrei"),
        1,
        "Spinnerei Coworking",
    ),
    DemoSpace(
        "offer",
        "interim",
        "Ladenlokal zur Zwischennutzung am Altmarkt",
        "dresden",
        "01067",
        (95,),
        None,
        "free",
        ("barrierefrei",),
        1,
        "Amt für Wirtschaftsförderung Dresden",
    ),
    DemoSpace(
        "offer",
        "rehearsal",
        "Proberaum mit Schallschutz",
        "zwickau",
        "08056",
        (24,),
        "15",
        "day",
        ("schallschutz", "starkstrom"),
        0,
        "Kulturverein Zwickau",
    ),
    DemoSpace(
        "offer",
        "workshop",
        "Werkstatt mit Lastenaufzug",
        "plauen",
        "08523",
        (140,),
        None,
        "negotiable",
        ("lastenaufzug", "starkstrom", "lager"),
        1,
        "Textilfabrik Plauen",
    ),
    DemoSpace(
        "request",
        "studio",
        "Suchen Atelier für Keramik",
        "leipzig",
        "04109",
        (30, 60),
        "400",
        "month",
        ("starkstrom",),
        0,
        "Keramikwerkstatt Lehm & Glut",
    ),
    DemoSpace(
        "request",
        "office",
        "Büro für kleines Designstudio gesucht",
        "dresden",
        "01099",
        (20, 45),
        "550",
        "month",
        ("internet",),
        0,
        "Studio Elbform",
    ),
]


def _poster():
    user, created = User.objects.get_or_create(
        email=DEMO_POSTER_EMAIL, defaults={"full_name": "Raumbörse Demo"}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def create_demo_spaces(now=None, *, with_images=True):
    """Published listings (five offers, two requests) with placeholder photos."""
    now = now or timezone.now()
    poster = _poster()
    features = {feature.slug: feature for feature in Feature.objects.all()}
    created = []
    for number, demo in enumerate(SPACES):
        municipality = Municipality.objects.filter(slug=demo.place).first()
        if municipality is None:
            continue
        offer = demo.listing_type == Listing.ListingType.OFFER
        published = now - datetime.timedelta(days=number * 3)
        listing = Listing.objects.create(
            listing_type=demo.listing_type,
            space_kind=demo.space_kind,
            title=demo.title,
            description=(
                f"{demo.title}. Besichtigung nach Vereinbarung, schreiben Sie uns gern über "
                "das Kontaktformular."
            ),
            poster=poster,
            poster_name=demo.poster_name,
            size_m2=demo.size[0] if offer else None,
            price=Decimal(demo.price) if offer and demo.price else None,
            price_unit=demo.price_unit if offer else Listing.PriceUnit.MONTH,
            size_min_m2=None if offer else demo.size[0],
            size_max_m2=None if offer else demo.size[1],
            max_price=None if offer else Decimal(demo.price),
            municipality=municipality,
            postal_code=demo.postal_code,
            status=Listing.Status.PUBLISHED,
            submitted_at=published,
            published_at=published,
            reviewed_at=published,
            expires_on=timezone.localdate(now) + datetime.timedelta(days=90 - number * 3),
        )
        listing.features.set([features[slug] for slug in demo.features if slug in features])
        if not offer:
            listing.wanted_districts.set(District.objects.filter(pk=municipality.district_id))
        if with_images:
            _add_photos(listing, demo, number)
        created.append(listing)
    return created


def _add_photos(listing, demo, number):
    for position in range(1, demo.photos + 1):
        content = ContentFile(render_artwork("raeume", f"{demo.title}-{position}"))
        photo = ListingPhoto(
            listing=listing,
            alt_text=f"Platzhalterbild {position} für „{demo.title}“: abstrakte Formen",
            position=position,
        )
        photo.image.name = default_storage.save(f"raeume/demo-{number}-{position}.webp", content)
        photo.width, photo.height = GALLERY_SIZE
        photo.renditions = create_renditions(photo.image, PHOTO_WIDTHS)
        photo.save()
