"""/mein-profil/ in a real browser: every state passes axe (WCAG 2.1 A/AA), the pages run
under the strict CSP, and a member edits the profile and uploads an image by keyboard."""

import io

import pytest
from django.core.files.base import ContentFile
from django.utils import translation
from django.utils.translation import gettext
from PIL import Image

from mitglieder.models import GalleryImage, Profile
from tests.browser.test_accessibility import AXE, AXE_OPTIONS, format_violations

MAX_TABS = 400


def german(msgid):
    """What the German page shows for `msgid` (the msgid itself until it is translated)."""
    with translation.override("de"):
        return gettext(msgid)


def png_bytes(size=(400, 300), colour=(30, 80, 120)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def profile(owned_profile, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SERVE_MEDIA = True
    owned_profile.status = Profile.Status.DRAFT
    owned_profile.description = "Wir **drucken** Plakate.\n\n- Siebdruck\n- Risografie"
    owned_profile.save()
    for position, alt_text in enumerate(["Rotes Plakat an grauer Wand", "Druckerei von innen"]):
        GalleryImage.objects.create(
            profile=owned_profile,
            image=ContentFile(png_bytes(colour=(40 * position, 90, 120)), name="werk.png"),
            alt_text=alt_text,
            position=position,
        )
    return owned_profile


@pytest.fixture
def member_tab(open_page_as, owner):
    """Opens a page whose browser context is logged in as the owner (session cookie)."""

    def open_member_page(**kwargs):
        return open_page_as(owner, **kwargs)

    return open_member_page


def assert_clean(tab, url):
    tab.page.evaluate("document.fonts.ready.then(() => true)")
    violations = AXE.run(tab.page, options=AXE_OPTIONS).response["violations"]
    assert not violations, format_violations(url, violations)
    assert not tab.log.problems(), tab.log.problems()
    tab.guard.assert_nothing_left_the_machine()


def goto(tab, path):
    response = tab.page.goto(tab.url(path))
    assert response is not None
    assert response.status == 200, f"{path}: HTTP {response.status}"
    return tab.url(path)


@pytest.mark.parametrize(
    "path",
    [
        pytest.param("/mein-profil/", id="overview"),
        pytest.param("/mein-profil/{pk}/bearbeiten/grunddaten/", id="edit-basics"),
        pytest.param("/mein-profil/{pk}/bearbeiten/vorstellung/", id="edit-introduction"),
        pytest.param("/mein-profil/{pk}/bearbeiten/disziplinen/", id="edit-disciplines"),
        pytest.param("/mein-profil/{pk}/bearbeiten/kontakt/", id="edit-contact"),
        pytest.param("/mein-profil/{pk}/bearbeiten/bilder/", id="edit-pictures"),
        pytest.param("/mein-profil/{pk}/galerie/", id="gallery"),
        pytest.param("/mein-profil/{pk}/vorschau/", id="preview"),
        pytest.param("/mein-profil/{pk}/galerie/{image}/loeschen/", id="delete-image"),
        pytest.param("/en/mein-profil/{pk}/bearbeiten/kontakt/", id="en-edit-contact"),
    ],
)
def test_self_service_pages_are_accessible(member_tab, profile, path):
    tab = member_tab()
    image = profile.gallery.first()
    url = goto(tab, path.format(pk=profile.pk, image=image.pk))
    assert_clean(tab, url)


def test_the_edit_form_with_errors_is_accessible(member_tab, profile):
    tab = member_tab()
    page = tab.page
    url = goto(tab, f"/mein-profil/{profile.pk}/bearbeiten/kontakt/")
    page.fill("#id_website", "keine Adresse")
    with page.expect_navigation():
        page.get_by_role("button", name=german("Save profile")).click()
    page.wait_for_selector("#form-errors")
    assert page.locator("#id_website").get_attribute("aria-invalid") == "true"
    # The script moves the focus to the list of problems.
    assert page.evaluate("document.activeElement.id") == "form-errors"
    assert_clean(tab, url)
    assert Profile.objects.get(pk=profile.pk).website == profile.website


def test_the_description_preview_is_accessible(member_tab, profile):
    tab = member_tab()
    page = tab.page
    url = goto(tab, f"/mein-profil/{profile.pk}/bearbeiten/vorstellung/")
    page.fill("#id_description", "Neu: **fett** und [ein Link](https://example.org/)")
    with page.expect_navigation():
        page.get_by_role("button", name=german("Preview of the description")).click()
    preview = page.locator("#beschreibung-vorschau")
    assert preview.locator("strong").inner_text() == "fett"
    assert page.url.endswith("#beschreibung-vorschau")
    # The input is kept, nothing is saved.
    assert "**fett**" in page.locator("#id_description").input_value()
    assert_clean(tab, url)
    assert Profile.objects.get(pk=profile.pk).description == profile.description


def test_the_pages_run_under_the_real_csp(member_tab, profile):
    """No inline script or style: without bypass_csp a violation is logged as an error."""
    tab = member_tab(bypass_csp=False)
    for path in (
        "/mein-profil/",
        f"/mein-profil/{profile.pk}/bearbeiten/vorstellung/",
        f"/mein-profil/{profile.pk}/bearbeiten/kontakt/",
        f"/mein-profil/{profile.pk}/galerie/",
        f"/mein-profil/{profile.pk}/vorschau/",
    ):
        goto(tab, path)
        tab.page.evaluate("document.fonts.ready.then(() => true)")
        assert not tab.log.problems(), tab.log.problems()
    tab.guard.assert_nothing_left_the_machine()


def tab_to(page, selector):
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"Tab never reached {selector}")


def test_editing_and_uploading_by_keyboard(member_tab, profile):
    tab = member_tab()
    page = tab.page
    goto(tab, f"/mein-profil/{profile.pk}/bearbeiten/")
    # The tabs of the editor are links: the keyboard reaches "Vorstellung" and opens it.
    tab_to(page, ".editor-nav a[href$='/vorstellung/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    tab_to(page, "#id_tagline")
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type("Mit der Tastatur geändert.")
    tab_to(page, "button[name=save]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/bearbeiten/vorstellung/")
    assert german("Saved.") in page.locator(".messages").inner_text()
    assert Profile.objects.get(pk=profile.pk).tagline == "Mit der Tastatur geändert."

    goto(tab, f"/mein-profil/{profile.pk}/galerie/")
    tab_to(page, "#id_image")
    # Choosing the file is the operating system's dialog; everything else is the keyboard.
    page.set_input_files(
        "#id_image", files=[{"name": "neu.png", "mimeType": "image/png", "buffer": png_bytes()}]
    )
    tab_to(page, "#id_alt_text")
    page.keyboard.type("Neues Werk, mit der Tastatur hochgeladen")
    tab_to(page, "form[enctype] button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert german("The image has been added to your gallery.") in (
        page.locator(".messages").inner_text()
    )
    assert page.get_by_role("img", name="Neues Werk, mit der Tastatur hochgeladen").is_visible()
    assert profile.gallery.count() == 3

    # Reordering needs no script either: "Nach oben" is a button in a form.
    newest = profile.gallery.get(alt_text__startswith="Neues Werk")
    tab_to(page, f"form[action$='/galerie/{newest.pk}/verschieben/'] button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert [i.alt_text for i in profile.gallery.all()][1].startswith("Neues Werk")
    assert not tab.log.problems(), tab.log.problems()
    tab.guard.assert_nothing_left_the_machine()


@pytest.mark.parametrize("width", [1366, 390])
def test_the_save_button_stays_in_view_while_scrolling_the_editor(member_tab, profile, width):
    tab = member_tab()
    page = tab.page
    page.set_viewport_size({"width": width, "height": 800})
    goto(tab, f"/mein-profil/{profile.pk}/bearbeiten/kontakt/")
    save = page.get_by_role("button", name=german("Save profile"))
    for fraction in (0.0, 0.3, 0.6):
        page.evaluate("f => window.scrollTo(0, document.body.scrollHeight * f)", fraction)
        box = save.bounding_box()
        assert box is not None
        assert box["y"] >= 0 and box["y"] + box["height"] <= 800, (fraction, box)
