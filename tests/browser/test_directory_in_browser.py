"""The directory and profile pages in a real browser: accessible in every state, usable with
the keyboard alone, images served as WebP renditions."""

import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from mitglieder.models import GalleryImage, Profile
from teilmaerkte.models import Discipline
from tests.browser.test_accessibility import AXE, AXE_OPTIONS, format_violations
from tests.factories import ProfileFactory
from verbaende.models import Municipality


def jpeg(width, height, colour):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "JPEG")
    return ContentFile(buffer.getvalue(), name="bild.jpg")


@pytest.fixture
def members(reference_data, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SERVE_MEDIA = True
    leipzig = Municipality.objects.get(slug="leipzig")
    design = Discipline.objects.get(slug="produktdesign")
    ProfileFactory(
        name="Studio Kranich",
        kind=Profile.Kind.COMPANY,
        municipality=leipzig,
        disciplines=[design],
        open_for_commissions=True,
    )
    ProfileFactory(name="Lena Hoffmann", kind=Profile.Kind.PERSON, municipality=leipzig)
    ProfileFactory(
        name="Tonwerk Plauen",
        municipality=Municipality.objects.get(slug="plauen"),
        disciplines=[Discipline.objects.get(slug="tonstudio-produktion")],
    )
    showcase = ProfileFactory(
        name="Müller Fotografie",
        kind=Profile.Kind.PERSON,
        image=jpeg(600, 600, (30, 80, 120)),
        website="https://mueller.example",
    )
    GalleryImage.objects.create(
        profile=showcase,
        image=jpeg(1600, 1000, (200, 120, 40)),
        alt_text="Porträt einer Tänzerin im Gegenlicht",
        caption="Aus der Serie „Bewegung“",
    )
    return showcase


STATES = [
    pytest.param("/mitglieder/", id="directory"),
    pytest.param("/mitglieder/?verband=leipzig&art=company&auftraege=on", id="filtered"),
    pytest.param("/mitglieder/?q=M%C3%BCller", id="searched"),
    pytest.param("/mitglieder/?q=Unterwasserballett", id="empty"),
    pytest.param("/mitglieder/?verband=berlin&seite=abc", id="invalid-query"),
    pytest.param("/en/mitglieder/?teilmarkt=designwirtschaft", id="en-filtered"),
    pytest.param("/teilmaerkte/musikwirtschaft/", id="teilmarkt"),
    pytest.param("/mitglieder/{showcase}/", id="profile-with-gallery"),
]


@pytest.mark.parametrize("path", STATES)
def test_directory_states_are_accessible(open_page, members, path):
    tab = open_page()
    url = tab.url(path.format(showcase=members.slug))
    response = tab.page.goto(url)
    assert response is not None and response.status == 200
    tab.page.evaluate("document.fonts.ready.then(() => true)")
    violations = AXE.run(tab.page, options=AXE_OPTIONS).response["violations"]
    assert not violations, format_violations(url, violations)
    assert not tab.log.problems(), tab.log.problems()
    tab.guard.assert_nothing_left_the_machine()


def test_profile_images_load_as_webp_renditions(open_page, members):
    tab = open_page(bypass_csp=False)
    tab.page.goto(tab.url(f"/mitglieder/{members.slug}/"))
    images = tab.page.locator("main img")
    assert images.count() == 2
    for index in range(2):
        image = images.nth(index)
        image.scroll_into_view_if_needed()
        tab.page.wait_for_function(
            "(img) => img.complete && img.naturalWidth > 0", arg=image.element_handle()
        )
        assert image.evaluate("img => img.currentSrc").endswith(".webp")
    assert not tab.log.problems(), tab.log.problems()


def tab_to(page, element_id, limit=60):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
    raise AssertionError(f"#{element_id} was not reached with the Tab key")


def test_searching_and_filtering_by_keyboard_alone(open_page, members):
    tab = open_page()
    page = tab.page
    page.goto(tab.url("/mitglieder/"))

    tab_to(page, "directory-q")
    page.keyboard.type("Leipzig")
    page.keyboard.press("Enter")
    page.wait_for_url("**/mitglieder/?q=Leipzig*")
    results = page.locator(".directory__results .card__link")
    assert sorted(results.all_inner_texts()) == ["Lena Hoffmann", "Studio Kranich"]

    tab_to(page, "directory-art")
    page.keyboard.type("Unternehmen")  # type-ahead picks the option, as a keyboard user would
    tab_to(page, "directory-auftraege")
    page.keyboard.press("Space")
    tab_to(page, "directory-submit")
    page.keyboard.press("Enter")
    page.wait_for_url("**art=company*")
    assert results.all_inner_texts() == ["Studio Kranich"]

    # Removing a filter chip is a link: Tab to it and press Enter.
    chip = page.get_by_role("link", name="Art: Unternehmen")
    chip.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "art=" not in url)
    assert "auftraege=on" in page.url
    assert not tab.log.problems(), tab.log.problems()
    tab.guard.assert_nothing_left_the_machine()
