"""Suggestions while typing on the directory's search field, by keyboard alone, under the
site's real Content-Security-Policy."""

import pytest

from mitglieder.models import Profile
from teilmaerkte.models import Discipline
from tests.browser.test_directory_in_browser import tab_to
from tests.factories import ProfileFactory
from verbaende.models import Municipality


@pytest.fixture
def members(reference_data):
    illustration = Discipline.objects.get(slug="illustration")
    leipzig = Municipality.objects.get(slug="leipzig")
    ProfileFactory(name="Illumina Lichtdesign", municipality=leipzig)
    ProfileFactory(name="Strichwerk", disciplines=[illustration], municipality=leipzig)
    return Profile.objects.get(name="Illumina Lichtdesign")


def open_directory(open_page):
    tab = open_page(bypass_csp=False)
    tab.page.goto(tab.url("/mitglieder/"))
    tab_to(tab.page, "directory-q")
    return tab


def popup_state(page):
    return page.evaluate(
        """() => {
            const input = document.getElementById("directory-q");
            const active = input.getAttribute("aria-activedescendant");
            const list = document.getElementById(input.getAttribute("aria-controls"));
            return {
                role: input.getAttribute("role"),
                expanded: input.getAttribute("aria-expanded"),
                visible: !!list && !list.hidden && list.getBoundingClientRect().height > 0,
                options: list
                    ? [...list.querySelectorAll("[role=option]")].map((o) => o.textContent)
                    : [],
                active: active ? document.getElementById(active).textContent : null,
                selected: list ? [...list.querySelectorAll("[aria-selected=true]")].length : 0,
                status: document.querySelector(".suggest [role=status]").textContent,
                focused: document.activeElement === input,
            };
        }"""
    )


def wait_for_popup(page):
    # A locator, not wait_for_function: that evaluates a string, which the CSP forbids.
    page.locator("#directory-q[aria-expanded=true]").wait_for()


def test_arrow_keys_choose_a_suggestion_and_enter_opens_the_filtered_directory(open_page, members):
    tab = open_directory(open_page)
    page = tab.page
    page.keyboard.type("illu")
    wait_for_popup(page)
    state = popup_state(page)
    assert state["role"] == "combobox" and state["visible"] and state["focused"]
    assert state["options"] == ["Illustration", "Illumina Lichtdesign"]
    assert state["active"] is None
    assert state["status"].startswith("2 ")  # the live region says how many there are

    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert popup_state(page)["active"] == "Illumina Lichtdesign"
    page.keyboard.press("ArrowDown")  # past the last option: back to the first
    state = popup_state(page)
    assert state["active"] == "Illustration" and state["selected"] == 1 and state["focused"]

    page.keyboard.press("Enter")
    page.wait_for_url("**/mitglieder/?disziplin=illustration")
    names = page.locator(".directory__results .card__link").all_inner_texts()
    assert names == ["Strichwerk"]
    assert not tab.log.problems(), tab.log.problems()
    tab.guard.assert_nothing_left_the_machine()


def test_a_member_suggestion_opens_the_profile(open_page, members):
    tab = open_directory(open_page)
    page = tab.page
    page.keyboard.type("Illum")
    wait_for_popup(page)
    page.keyboard.press("ArrowUp")  # from the field, ArrowUp goes to the last option
    assert popup_state(page)["active"] == "Illumina Lichtdesign"
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{members.get_absolute_url()}")
    assert not tab.log.problems(), tab.log.problems()


def test_escape_closes_and_enter_without_a_choice_searches_as_before(open_page, members):
    tab = open_directory(open_page)
    page = tab.page
    page.keyboard.type("illu")
    wait_for_popup(page)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Escape")
    state = popup_state(page)
    assert state["expanded"] == "false" and not state["visible"] and state["active"] is None
    assert page.evaluate("document.getElementById('directory-q').value") == "illu"

    page.keyboard.press("Enter")
    page.wait_for_url("**/mitglieder/?q=illu*")
    assert not tab.log.problems(), tab.log.problems()


def test_fewer_than_two_letters_and_refused_text_show_no_popup(open_page, members):
    tab = open_directory(open_page)
    page = tab.page
    page.keyboard.type("i")
    page.wait_for_timeout(400)
    assert popup_state(page)["expanded"] == "false"
    page.keyboard.type("l|")  # a refused character: the server answers 400, the form stays
    page.wait_for_timeout(400)
    assert popup_state(page)["expanded"] == "false"
    # The 400 is the only thing the console may mention.
    problems = [p for p in tab.log.problems() if "vorschlaege" not in p and "400" not in p]
    assert not problems, problems


def test_the_form_searches_without_javascript(browser, live_server, members):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/mitglieder/")
        page.fill("#directory-q", "Strichwerk")
        page.press("#directory-q", "Enter")
        page.wait_for_url("**/mitglieder/?q=Strichwerk*")
        assert page.get_attribute("#directory-q", "role") is None
        assert page.locator(".directory__results .card__link").all_inner_texts() == ["Strichwerk"]
    finally:
        context.close()
