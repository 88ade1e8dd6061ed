"""The Raumbörse in a real browser: posting an offer with photos by keyboard alone, and
searching the list with its filters; every page on the way passes axe (WCAG 2.1 A/AA)."""

import io

import pytest
from django.utils import translation
from django.utils.translation import gettext
from PIL import Image

from raeume.models import Feature, Listing
from tests.browser.test_accessibility import AXE, AXE_OPTIONS, format_violations
from tests.space_listings import SpaceListingFactory
from verbaende.models import Municipality

MAX_TABS = 300


def german(msgid):
    with translation.override("de"):
        return gettext(msgid)


def png_bytes(size=(500, 360), colour=(180, 120, 60)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def assert_clean(tab, url):
    tab.page.evaluate("document.fonts.ready.then(() => true)")
    violations = AXE.run(tab.page, options=AXE_OPTIONS).response["violations"]
    assert not violations, format_violations(url, violations)
    assert not tab.log.problems(), tab.log.problems()


def tab_to(page, selector):
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"Tab never reached {selector}")


def submit_by_keyboard(page, selector):
    tab_to(page, selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.fixture
def features(reference_data):
    # The browser tests' database is flushed after each test, the migration's rows with it.
    return [
        Feature.objects.get_or_create(slug=slug, defaults={"name": name, "position": n})[0]
        for n, (slug, name) in enumerate([("barrierefrei", "Barrierefrei"), ("kueche", "Küche")])
    ]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SERVE_MEDIA = True
    return tmp_path


def test_posting_an_offer_with_photos_by_keyboard(open_page_as, owner, features, media):
    tab = open_page_as(owner)
    page = tab.page
    url = tab.url("/raeume/neu/")
    page.goto(url)
    assert_clean(tab, url)

    tab_to(page, "#id_listing_type_0")
    page.keyboard.press("Space")
    tab_to(page, "#id_space_kind")
    page.keyboard.type(german("Studio"))
    tab_to(page, "#id_title")
    page.keyboard.type("Atelier mit Tastatur")
    tab_to(page, "#id_description")
    page.keyboard.type("Ein heller Raum, mit der Tastatur angeboten.")
    tab_to(page, "#id_size_m2")
    page.keyboard.type("42")
    tab_to(page, "#id_price")
    page.keyboard.type("310")
    tab_to(page, "#id_municipality")
    page.keyboard.type("Chemnitz")
    tab_to(page, "#id_postal_code")
    page.keyboard.type("09111")
    tab_to(page, f"input[name=features][value='{features[1].pk}']")
    page.keyboard.press("Space")
    submit_by_keyboard(page, "form button[type=submit]")

    listing = Listing.objects.get()
    assert listing.title == "Atelier mit Tastatur"
    assert listing.municipality == Municipality.objects.get(slug="chemnitz")
    assert listing.status == Listing.Status.PENDING
    assert [f.slug for f in listing.features.all()] == ["kueche"]
    assert page.url.endswith(f"/raeume/{listing.pk}/fotos/")
    assert_clean(tab, page.url)

    for number, alt_text in enumerate(["Blick zum Fenster", "Blick zur Tür"]):
        tab_to(page, "#id_image")
        # Choosing the file is the operating system's dialog; everything else is the keyboard.
        page.set_input_files(
            "#id_image",
            files=[
                {
                    "name": f"raum{number}.png",
                    "mimeType": "image/png",
                    "buffer": png_bytes(colour=(60 * number, 120, 60)),
                }
            ],
        )
        tab_to(page, "#id_alt_text")
        page.keyboard.type(alt_text)
        submit_by_keyboard(page, "form[enctype] button[type=submit]")
        assert german("The photo has been added.") in page.locator(".messages").inner_text()
    assert page.get_by_role("img", name="Blick zur Tür").is_visible()
    assert listing.photos.count() == 2
    assert_clean(tab, page.url)

    page.goto(tab.url("/raeume/meine/"))
    assert "Atelier mit Tastatur" in page.locator("main").inner_text()
    assert_clean(tab, page.url)
    tab.guard.assert_nothing_left_the_machine()


def test_searching_and_filtering_the_raumboerse(open_page, features, media):
    SpaceListingFactory(title="Atelier in Chemnitz", features=[features[0]])
    SpaceListingFactory(
        title="Büro in Leipzig",
        space_kind=Listing.SpaceKind.OFFICE,
        municipality=Municipality.objects.get(slug="leipzig"),
        postal_code="04109",
        size_m2=90,
    )
    tab = open_page()
    page = tab.page
    url = tab.url("/raeume/")
    page.goto(url)
    assert_clean(tab, url)
    results = page.locator(".directory__results")
    assert "Atelier in Chemnitz" in results.inner_text()
    assert "Büro in Leipzig" in results.inner_text()

    tab_to(page, "#spaces-raum")
    page.keyboard.type(german("Office"))
    tab_to(page, "#spaces-ab")
    page.keyboard.type("50")
    submit_by_keyboard(page, "#spaces-submit")
    assert "raum=office" in page.url and "ab=50" in page.url
    assert "Büro in Leipzig" in results.inner_text()
    assert "Atelier in Chemnitz" not in results.inner_text()
    assert_clean(tab, page.url)

    # A chip removes its filter; the shared address gives the same list.
    with page.expect_navigation():
        page.locator(".chip--removable", has_text=german("Kind of space")).click()
    assert "raum=" not in page.url and "ab=50" in page.url
    page.goto(tab.url("/raeume/?ausstattung=barrierefrei"))
    assert "Atelier in Chemnitz" in results.inner_text()
    assert "Büro in Leipzig" not in results.inner_text()
    assert_clean(tab, page.url)
    tab.guard.assert_nothing_left_the_machine()
