"""The pages for a database outage (503) and an oversized request (413), in a real browser.

Both are rendered without the database, so the test renders them the same way and shows
them under the live server's address, where their stylesheet and fonts load as usual.
"""

import pytest
from django.template import loader
from django.utils import translation

from tests.browser.test_accessibility import AXE, AXE_OPTIONS, format_violations


@pytest.mark.parametrize("template", ["503.html", "413.html"])
@pytest.mark.parametrize("language", ["de", "en"])
def test_outage_and_limit_pages_are_accessible(open_page, reference_data, template, language):
    with translation.override(language):
        html = loader.get_template(template).render({})
    tab = open_page()
    tab.page.goto(tab.url("/robots.txt"))
    tab.page.set_content(html, wait_until="load")
    tab.page.evaluate("document.fonts.ready.then(() => true)")

    violations = AXE.run(tab.page, options=AXE_OPTIONS).response["violations"]

    assert not violations, format_violations(template, violations)
    assert tab.page.locator("h1").inner_text()
    assert not tab.log.problems(), tab.log.problems()
    tab.guard.assert_nothing_left_the_machine()
