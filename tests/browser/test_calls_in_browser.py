"""The Kooperationsbörse in a real browser: a member posts a call with the keyboard alone;
the form, the call's page and "my calls" pass axe (WCAG 2.1 A/AA) under the strict CSP."""

from django.utils import translation
from django.utils.translation import gettext

from kooperationen.models import Call
from tests.browser.test_accessibility import AXE, AXE_OPTIONS, format_violations


def german(msgid):
    with translation.override("de"):
        return gettext(msgid)


def assert_clean(tab, url):
    tab.page.evaluate("document.fonts.ready.then(() => true)")
    violations = AXE.run(tab.page, options=AXE_OPTIONS).response["violations"]
    assert not violations, format_violations(url, violations)
    assert not tab.log.problems(), tab.log.problems()
    tab.guard.assert_nothing_left_the_machine()


def test_a_member_posts_a_call_with_the_keyboard(open_page_as, owner, owned_profile):
    tab = open_page_as(owner, bypass_csp=False)
    page = tab.page
    url = tab.url("/kooperationen/neu/")
    response = page.goto(url)
    assert response is not None and response.status == 200
    assert_clean(tab, url)

    # Focus the first field, then only keys: radio buttons, text and checkboxes.
    page.focus("input[name=direction]")
    page.keyboard.press("ArrowDown")  # "Offering"
    page.keyboard.press("Tab")
    page.keyboard.type("Bieten Siebdruckwerkstatt für Gemeinschaftsprojekte")
    page.keyboard.press("Tab")
    page.keyboard.type("Unsere Werkstatt steht Partnern aus Design und Kunst offen.")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # the first Teilmarkt
    assert page.evaluate("document.activeElement.checked") is True
    page.focus("main form[method=post] button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    call = Call.objects.first()
    assert call is not None, page.locator("main").inner_text()
    assert call.direction == Call.Direction.OFFERING
    assert call.submarkets.count() == 1
    assert page.url.endswith(f"/kooperationen/{call.pk}/")
    assert page.locator("h1").inner_text() == call.title
    assert_clean(tab, page.url)

    mine = tab.url("/kooperationen/meine/")
    page.goto(mine)
    assert page.locator(f"#aufruf-{call.pk}").is_visible()
    assert_clean(tab, mine)
