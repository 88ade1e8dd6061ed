"""The enlarged gallery of a profile page in a real browser, by keyboard alone."""

import io

import pytest
from django.core.files.base import ContentFile
from django.utils import translation
from django.utils.translation import ngettext
from PIL import Image

from mitglieder.models import GalleryImage, ProfileLink
from tests.browser.test_accessibility import AXE, AXE_OPTIONS, format_violations
from tests.factories import ProfileFactory

ALT_TEXTS = ["Ein rotes Plakat", "Eine grüne Vase", "Ein blaues Buch"]


def jpeg(width, height, colour):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "JPEG")
    return ContentFile(buffer.getvalue(), name="werk.jpg")


@pytest.fixture
def showcase(reference_data, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SERVE_MEDIA = True
    profile = ProfileFactory(name="Atelier Farbton", website="https://www.atelier-farbton.example/")
    ProfileLink.objects.create(profile=profile, kind="bluesky", url="https://bsky.app/x")
    colours = [(200, 40, 40), (40, 160, 60), (40, 60, 200)]
    for position, (alt, colour) in enumerate(zip(ALT_TEXTS, colours, strict=True)):
        GalleryImage.objects.create(
            profile=profile,
            image=jpeg(1600, 1000, colour),
            alt_text=alt,
            caption=f"Werk {position + 1}",
            position=position,
        )
    return profile


def counter(position, count):
    with translation.override("de"):
        text = ngettext("Image {position} of %(count)s", "Image {position} of %(count)s", count) % {
            "count": count
        }
    return text.replace("{position}", str(position))


def test_the_gallery_opens_large_and_steps_through_the_images_by_keyboard(open_page, showcase):
    tab = open_page(bypass_csp=True)
    page = tab.page
    page.goto(tab.url(showcase.get_absolute_url()))
    links = page.locator("[data-gallery-item]")
    assert links.count() == 3
    # Without the script each image would open as a file: the link leads to the large one.
    assert links.first.get_attribute("href").endswith("-1440.webp")

    links.nth(1).focus()
    page.keyboard.press("Enter")
    dialog = page.locator("dialog.lightbox")
    assert dialog.evaluate("d => d.open")
    image = dialog.locator(".lightbox__image")
    assert image.get_attribute("alt") == ALT_TEXTS[1]
    assert dialog.locator(".lightbox__counter").inner_text() == counter(2, 3)
    assert dialog.locator(".lightbox__caption").inner_text() == "Werk 2"
    assert page.evaluate("document.activeElement.closest('dialog') !== null")

    page.keyboard.press("ArrowRight")
    assert image.get_attribute("alt") == ALT_TEXTS[2]
    assert dialog.locator(".lightbox__counter").inner_text() == counter(3, 3)
    page.keyboard.press("ArrowRight")  # past the last: back to the first
    assert image.get_attribute("alt") == ALT_TEXTS[0]
    page.keyboard.press("ArrowLeft")
    assert image.get_attribute("alt") == ALT_TEXTS[2]
    page.wait_for_function("document.querySelector('.lightbox__image').complete")

    violations = AXE.run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, format_violations(page.url, violations)

    page.keyboard.press("Escape")
    assert not dialog.evaluate("d => d.open")
    assert page.evaluate("document.activeElement.getAttribute('href')") == links.nth(
        1
    ).get_attribute("href")
    assert not tab.log.problems(), tab.log.problems()
    tab.guard.assert_nothing_left_the_machine()
