"""Mobile first in a real browser: on a phone (390 px) the results come first, the filters and
the menu are disclosures operated by keyboard; at 1366 px both are open and the main
navigation fits one row. Under the site's real CSP, so the script must work without inline
code."""

import pytest

from tests.browser.test_accessibility import AXE, AXE_OPTIONS, format_violations
from tests.factories import ProfileFactory, discipline, place

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


@pytest.fixture
def members(reference_data):
    for name in ("Studio Kranich", "Müller Fotografie", "Atelier Nord"):
        ProfileFactory(
            name=name, municipality=place("leipzig"), disciplines=[discipline("produktdesign")]
        )


def focused(page):
    return page.evaluate(
        "document.activeElement ? document.activeElement.className + '|' "
        "+ (document.activeElement.id || '') : ''"
    )


def tab_until(page, check, limit=40):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if check(focused(page)):
            return
    raise AssertionError(f"not reached with the Tab key; focus on {focused(page)!r}")


def test_on_a_phone_results_come_first_and_filters_and_menu_open_by_keyboard(open_page, members):
    tab = open_page(bypass_csp=False)
    page = tab.page
    page.set_viewport_size(PHONE)
    page.goto(tab.url("/mitglieder/?teilmarkt=designwirtschaft"))

    # Results first: the count, the active filter and the first card on the first screen.
    filters = page.locator(".filter-disclosure")
    assert filters.evaluate("d => d.open") is False
    assert not page.locator("#directory-q").is_visible()
    for selector in (".directory__count", ".active-filters", ".cards > li"):
        box = page.locator(selector).first.bounding_box()
        assert box is not None and box["y"] + box["height"] <= PHONE["height"], selector

    # The filters open with the keyboard; a search from there works.
    tab_until(page, lambda name: "filter-disclosure__summary" in name)
    page.keyboard.press("Enter")
    assert page.locator("#directory-q").is_visible()
    tab_until(page, lambda name: name.endswith("|directory-q"))
    page.keyboard.type("Kranich")
    page.keyboard.press("Enter")
    page.wait_for_url("**/mitglieder/?*q=Kranich*")

    # The menu: folded, opened and closed again by keyboard, focus back on its button.
    menu = page.locator(".site-menu")
    first_link = page.locator(".site-nav a").first
    assert not first_link.is_visible()
    page.locator("body").focus()
    tab_until(page, lambda name: "site-menu__toggle" in name)
    page.keyboard.press("Enter")
    assert menu.evaluate("d => d.open") is True
    page.keyboard.press("Tab")
    assert "Mitglieder" in page.evaluate("document.activeElement.textContent") or (
        page.evaluate("document.activeElement.closest('.site-nav') !== null")
    )
    assert first_link.is_visible()

    # Accessible with both disclosures open.
    page.locator(".filter-disclosure__summary").evaluate("s => s.parentElement.open = true")
    violations = AXE.run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, format_violations(page.url, violations)

    page.keyboard.press("Escape")
    assert menu.evaluate("d => d.open") is False
    assert "site-menu__toggle" in focused(page)

    # Wide: filters and menu open, the main navigation in one row.
    page.set_viewport_size(DESKTOP)
    page.goto(tab.url("/mitglieder/"))
    assert page.locator("#directory-q").is_visible()
    assert not page.locator(".site-menu__toggle").is_visible()
    tops = page.locator(".site-nav a").evaluate_all(
        "links => links.map(link => Math.round(link.getBoundingClientRect().top))"
    )
    assert len(tops) >= 8 and len(set(tops)) == 1, tops

    assert not tab.log.problems(), tab.log.problems()
    tab.guard.assert_nothing_left_the_machine()
