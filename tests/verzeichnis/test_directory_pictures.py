"""Result cards lead with a picture: the portrait or logo, else the first gallery image, else
the initials on the colour of the first Teilmarkt. Pictures are WebP renditions with srcset,
sizes, width and height; the first row loads at once, the rest lazily; the query count does
not grow with the number of cards, and a full page stays small once compressed."""

import gzip
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mitglieder.models import GalleryImage, Profile
from tests.factories import ProfileFactory, discipline, place

DIRECTORY = "/mitglieder/"


def portrait(slug):
    return [
        {"width": 240, "height": 240, "name": f"renditions/profile-images/{slug}-240.webp"},
        {"width": 480, "height": 480, "name": f"renditions/profile-images/{slug}-480.webp"},
    ]


def with_portrait(profile):
    Profile.objects.filter(pk=profile.pk).update(
        image=f"profile-images/{profile.slug}.webp", image_renditions=portrait(profile.slug)
    )
    return profile


def with_gallery_image(profile, alt_text="Plakat in Blau und Gelb", position=0):
    # Renditions as the after-commit work stores them; width and height spare reading a file.
    name = f"gallery/{profile.slug}-{position}.webp"
    return GalleryImage.objects.create(
        profile=profile,
        image=name,
        width=1200,
        height=800,
        alt_text=alt_text,
        position=position,
        renditions=[
            {"width": 480, "height": 320, "name": f"renditions/{name[:-5]}-480.webp"},
            {"width": 960, "height": 640, "name": f"renditions/{name[:-5]}-960.webp"},
        ],
    )


class Cards(HTMLParser):
    """Per result card: the attributes of its picture (img or initials span) and its text."""

    def __init__(self):
        super().__init__()
        self.cards = []
        self._in_avatar = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "li" and "card" in classes:
            self.cards.append({"picture": None, "initials": "", "name": ""})
        elif self.cards and "card__image" in classes and self.cards[-1]["picture"] is None:
            self.cards[-1]["picture"] = {"tag": tag, **attrs}
            self._in_avatar = tag == "span"
        elif tag == "a" and "card__link" in classes:
            self._in_name = True

    def handle_endtag(self, tag):
        self._in_avatar = False
        self._in_name = False

    def handle_data(self, data):
        if self._in_avatar:
            self.cards[-1]["initials"] += data.strip()
        elif getattr(self, "_in_name", False):
            self.cards[-1]["name"] += data.strip()


def cards(response):
    assert response.status_code == 200
    parser = Cards()
    parser.feed(response.content.decode())
    return {card["name"]: card for card in parser.cards}


def test_a_portrait_is_shown_as_webp_renditions_with_srcset_and_dimensions(client, reference_data):
    profile = with_portrait(ProfileFactory(name="Studio Kranich"))
    picture = cards(client.get(DIRECTORY))["Studio Kranich"]["picture"]
    assert picture["tag"] == "img"
    assert picture["src"] == f"/media/renditions/profile-images/{profile.slug}-240.webp"
    assert picture["srcset"] == (
        f"/media/renditions/profile-images/{profile.slug}-240.webp 240w, "
        f"/media/renditions/profile-images/{profile.slug}-480.webp 480w"
    )
    assert "26rem" in picture["sizes"]
    assert (picture["width"], picture["height"]) == ("240", "240")
    # Decorative: the name beside it is the link text, so a screen reader hears it once.
    assert picture["alt"] == ""


def test_without_a_portrait_the_first_gallery_image_shows_the_work_with_its_description(
    client, reference_data
):
    profile = ProfileFactory(name="Druckerei Blau")
    with_gallery_image(profile, "Zweites Plakat", position=2)
    with_gallery_image(profile, "Plakat in Blau und Gelb", position=1)
    picture = cards(client.get(DIRECTORY))["Druckerei Blau"]["picture"]
    assert picture["tag"] == "img"
    assert picture["alt"] == "Plakat in Blau und Gelb"
    assert "-1-480.webp 480w" in picture["srcset"] and "960w" in picture["srcset"]
    assert (picture["width"], picture["height"]) == ("480", "320")


def test_the_portrait_wins_over_the_gallery(client, reference_data):
    profile = with_portrait(ProfileFactory(name="Atelier Eule"))
    with_gallery_image(profile)
    picture = cards(client.get(DIRECTORY))["Atelier Eule"]["picture"]
    assert "profile-images" in picture["src"] and picture["alt"] == ""


def test_without_any_picture_the_initials_stand_on_the_colour_of_the_first_submarket(
    client, reference_data
):
    games, design = discipline("games"), discipline("kommunikationsdesign")
    ProfileFactory(name="Ostwind Games GmbH", disciplines=[games])
    ProfileFactory(name="grafikbüro süd", disciplines=[design, games])
    found = cards(client.get(DIRECTORY))

    ostwind, grafik = found["Ostwind Games GmbH"], found["grafikbüro süd"]
    assert ostwind["picture"]["tag"] == grafik["picture"]["tag"] == "span"
    assert (ostwind["initials"], grafik["initials"]) == ("OG", "GS")
    # Hidden from screen readers: the initials only repeat the name.
    assert ostwind["picture"]["aria-hidden"] == "true"
    first = min([games.submarket, design.submarket], key=lambda s: s.position)
    expected = {
        "Ostwind Games GmbH": f"avatar--tm-{games.submarket.position % 12 + 1}",
        "grafikbüro süd": f"avatar--tm-{first.position % 12 + 1}",
    }
    for name, tone in expected.items():
        assert tone in found[name]["picture"]["class"].split(), name
    assert expected["Ostwind Games GmbH"] != f"avatar--tm-{design.submarket.position % 12 + 1}"


def test_the_first_row_loads_at_once_and_the_rest_lazily(client, reference_data):
    for number in range(6):
        with_portrait(ProfileFactory(name=f"Atelier {chr(65 + number)}"))
    found = cards(client.get(DIRECTORY))
    loading = [
        found[f"Atelier {chr(65 + number)}"]["picture"].get("loading") for number in range(6)
    ]
    # Two columns on a wide screen, one on a phone: the first two load at once.
    assert loading == [None, None, "lazy", "lazy", "lazy", "lazy"]


def test_new_members_on_the_home_page_show_pictures_and_initials(client, reference_data):
    with_portrait(ProfileFactory(name="Studio Kranich"))
    ProfileFactory(name="Klangwerk Nord")
    found = cards(client.get("/"))
    assert found["Studio Kranich"]["picture"]["srcset"].endswith("480w")
    # The section sits far down the page: every picture there loads lazily.
    assert found["Studio Kranich"]["picture"]["loading"] == "lazy"
    assert found["Klangwerk Nord"]["initials"] == "KN"


@pytest.mark.parametrize("url", ["/verbaende/chemnitz/", "/teilmaerkte/designwirtschaft/"])
def test_association_and_submarket_pages_show_the_same_picture_cards(client, reference_data, url):
    with_portrait(ProfileFactory(name="Studio Kranich"))
    ProfileFactory(name="Klangwerk Nord")
    found = cards(client.get(url))
    assert found["Studio Kranich"]["picture"]["srcset"]
    assert found["Klangwerk Nord"]["initials"] == "KN"


def test_pictures_cost_no_query_per_card(client, reference_data):
    def queries_for_page_one():
        client.get(DIRECTORY)  # counts and vocabulary cached; only the page is read again
        with CaptureQueriesContext(connection) as captured:
            client.get(DIRECTORY, {"seite": "1"})
        return len(captured.captured_queries)

    def members(count, start):
        for number in range(start, start + count):
            profile = ProfileFactory(name=f"Mitglied {number:03}")
            if number % 2:
                with_portrait(profile)
            with_gallery_image(profile)

    members(2, 0)
    few = queries_for_page_one()
    members(10, 2)
    assert queries_for_page_one() == few


def test_a_full_directory_page_stays_under_fifty_kilobytes_compressed(client, reference_data):
    disciplines = [discipline("games"), discipline("kommunikationsdesign"), discipline("tanz")]
    places = [place("chemnitz"), place("leipzig"), place("dresden")]
    for number in range(30):
        profile = ProfileFactory(
            name=f"Gestaltungsbüro Mustername und Partner {number:02}",
            tagline="Erscheinungsbilder, Bücher und Ausstellungen für Kultur und Wirtschaft.",
            municipality=places[number % 3],
            disciplines=disciplines,
        )
        if number % 3:
            with_portrait(profile)
        else:
            with_gallery_image(profile, "Ein Plakat mit großen Buchstaben in Rot und Schwarz")
    response = client.get(DIRECTORY)
    assert len(cards(response)) == 24
    assert len(gzip.compress(response.content)) <= 50 * 1024
