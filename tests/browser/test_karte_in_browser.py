"""The map's script: zoom, pan and a tooltip, by keyboard and pointer, under the real CSP."""

import re

import pytest
from django.utils.translation import gettext

from tests.factories import ProfileFactory, place


@pytest.fixture
def members(reference_data):
    ProfileFactory.create_batch(3, municipality=place("dresden"))
    ProfileFactory(municipality=place("goerlitz"))


def view_box(page):
    return [float(n) for n in page.get_attribute(".map__svg", "viewBox").split()]


def test_the_map_zooms_pans_and_names_districts_by_keyboard(open_page, members):
    tab = open_page(bypass_csp=False)
    page = tab.page
    page.goto(tab.url("/karte/?art=company"))
    full = view_box(page)

    # Tab from the filter form's button to the zoom buttons and on to the first district.
    page.focus("form.directory__filters button[type=submit]")
    stops = []
    for _ in range(10):
        page.keyboard.press("Tab")
        stops.append(
            page.evaluate(
                "document.activeElement.getAttribute('aria-label') || "
                "document.activeElement.tagName + '.' + document.activeElement.className"
            )
        )
        if page.evaluate("document.activeElement.classList.contains('map__district')"):
            break
    buttons = [gettext(label) for label in ("Zoom in", "Zoom out", "Show all of Saxony")]
    assert stops[-4:-1] == buttons, stops
    assert stops[-1].startswith("Bautzen"), stops
    tooltip = page.locator(".map__tooltip")
    assert tooltip.is_visible() and tooltip.text_content() == stops[-1]

    page.keyboard.press("+")
    zoomed = view_box(page)
    assert zoomed[2] < full[2] and zoomed[3] < full[3]
    page.keyboard.press("ArrowLeft")
    assert view_box(page)[0] < zoomed[0] or zoomed[0] == 0
    page.keyboard.press("0")
    assert view_box(page) == full

    # Shift+Tab back to "Show all of Saxony": the buttons work from the keyboard too.
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    assert view_box(page)[2] < full[2]
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert view_box(page) == full

    # Enter on a district opens the directory filtered to it, with the other filters.
    page.focus(".map__district[href*='kreis=dresden']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert re.search(r"/mitglieder/\?art=company&kreis=dresden$", page.url)
    assert not tab.log.problems(), tab.log.problems()
    tab.guard.assert_nothing_left_the_machine()


def test_the_map_drags_and_shows_a_tooltip_under_the_pointer(open_page, members):
    tab = open_page(bypass_csp=False)
    page = tab.page
    page.goto(tab.url("/karte/"))
    full = view_box(page)
    page.click(".map__controls button >> nth=0")
    zoomed = view_box(page)

    page.locator(".map__svg").scroll_into_view_if_needed()
    box = page.locator(".map__svg").bounding_box()
    middle = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.move(*middle)
    assert page.locator(".map__tooltip").is_visible()
    page.mouse.down()
    page.mouse.move(middle[0] + 80, middle[1] + 40, steps=5)
    page.mouse.up()
    dragged = view_box(page)
    assert dragged[0] < zoomed[0] and dragged[1] < zoomed[1]
    assert page.url == tab.url("/karte/")  # the drag did not follow the district's link
    assert view_box(page)[2] < full[2]
    assert not tab.log.problems(), tab.log.problems()


@pytest.mark.parametrize(
    "path",
    [
        "/statistik/lagebild/landesverband/",
        "/statistik/lagebild/leipzig/",
        "/statistik/lagebild/kreis/goerlitz/",
    ],
)
def test_the_lagebild_prints_on_one_a4_page(open_page, members, path):
    tab = open_page()
    tab.page.goto(tab.url(path))
    pdf = tab.page.pdf(format="A4")
    pages = re.findall(rb"/Type\s*/Page[^s]", pdf)
    assert len(pages) == 1, f"{path} prints on {len(pages)} pages"


def test_the_places_are_reached_and_named_by_keyboard(open_page, members):
    tab = open_page(bypass_csp=False)
    page = tab.page
    page.goto(tab.url("/karte/?ebene=orte"))
    page.focus(".map__controls button >> nth=2")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused.startswith("Dresden"), focused
    assert page.locator(".map__tooltip").text_content() == focused
    page.keyboard.press("+")
    assert view_box(page)[2] < 800
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/mitglieder/?ort=dresden")
    assert not tab.log.problems(), tab.log.problems()
