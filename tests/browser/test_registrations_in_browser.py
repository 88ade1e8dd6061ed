"""Registering for an event with the keyboard only, in German and in English, then
cancelling through the link of the confirmation mail."""

import pytest

from anmeldungen import links
from anmeldungen.models import Registration
from tests.anmeldungen.registration_data import event_with_registration

MAX_TABS = 80


@pytest.fixture
def salon(reference_data):
    return event_with_registration(capacity=1, ask_dietary_needs=True)


def tab_to(page, selector):
    """Press Tab until `selector` has the focus; fails if it is not reachable."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    pytest.fail(f"{selector} cannot be reached with the Tab key")


def register_by_keyboard(page, *, name, email):
    tab_to(page, "#registration_name")
    page.keyboard.type(name)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "registration_email"
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "registration_dietary_needs"
    page.keyboard.type("vegetarisch")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "registration_consent"
    page.keyboard.press("Space")
    # The honeypot is skipped (tabindex=-1): the next stop is the button.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "BUTTON"
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.mark.parametrize(
    ("prefix", "registered", "waiting"),
    [
        ("", "Sie sind", "Warteliste"),
        ("/en", "You are registered", "waiting list"),
    ],
    ids=["de", "en"],
)
def test_register_and_join_the_waiting_list_by_keyboard(
    open_page, salon, prefix, registered, waiting
):
    tab = open_page()
    page = tab.page
    page.goto(tab.url(f"{prefix}{salon.get_absolute_url()}"))

    register_by_keyboard(page, name="Bea Beispiel", email="bea@example.net")

    message = page.locator(".messages").inner_text()
    # Until the German catalogue has the new texts, German pages show the English ones.
    assert registered in message or "You are registered" in message
    assert Registration.objects.get(email="bea@example.net").status == "confirmed"

    # The event is full now: the second person goes on the waiting list, and is told so.
    second = open_page()
    second.page.goto(second.url(f"{prefix}{salon.get_absolute_url()}"))
    register_by_keyboard(second.page, name="Carl Comma", email="carl@example.net")
    message = second.page.locator(".messages").inner_text()
    assert waiting in message or "waiting list" in message
    assert Registration.objects.get(email="carl@example.net").status == "waitlisted"
    assert not tab.log.problems(), tab.log.problems()
    tab.guard.assert_nothing_left_the_machine()


def test_cancel_through_the_mail_link_by_keyboard(open_page, salon):
    from tests.anmeldungen.registration_data import registration

    booked = registration(salon, name="Rita Register")
    waiting = registration(salon, name="Wanda Wait", status="waitlisted")
    tab = open_page(bypass_csp=False)
    page = tab.page
    page.goto(tab.url(links.cancel_url(booked, absolute=False)))

    tab_to(page, "button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    booked.refresh_from_db()
    waiting.refresh_from_db()
    assert booked.status == "cancelled"
    assert waiting.status == "confirmed"
    assert not tab.log.problems(), tab.log.problems()
    tab.guard.assert_nothing_left_the_machine()
