"""An alert by keyboard only: subscribe, confirm through the link of the mail, unsubscribe
through the link every alert mail carries."""

import pytest

from benachrichtigungen import links
from benachrichtigungen.models import Subscription
from tests.benachrichtigungen.alert_data import alert_mails, link_in

MAX_TABS = 80


def tab_to(page, selector):
    """Press Tab until `selector` has the focus; fails if it is not reachable."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    pytest.fail(f"{selector} cannot be reached with the Tab key")


def press_enter_and_wait(page):
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_subscribe_confirm_and_unsubscribe_by_keyboard(open_page, reference_data):
    tab = open_page()
    page = tab.page
    page.goto(tab.url("/benachrichtigungen/"))
    tab_to(page, 'a[href="?art=kooperationen"]')
    press_enter_and_wait(page)

    tab_to(page, "#alert_email")
    page.keyboard.type("leserin@example.net")
    tab_to(page, "#alert_teilmarkt_0")
    page.keyboard.press("Space")
    tab_to(page, "form[method=post] button[type=submit]")
    press_enter_and_wait(page)
    assert page.url.endswith("/benachrichtigungen/gesendet/")
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is None
    assert subscription.kind == "calls"
    assert len(subscription.criteria["teilmaerkte"]) == 1

    [mail] = alert_mails()
    page.goto(tab.url(link_in(mail, "bestaetigen")))
    tab_to(page, "form[method=post] button[type=submit]")
    press_enter_and_wait(page)
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None

    unsubscribe = links.unsubscribe_url(subscription.subscriber, [subscription])
    page.goto(tab.url(unsubscribe[unsubscribe.index("/benachrichtigungen/") :]))
    tab_to(page, "form[method=post] button[type=submit]")
    press_enter_and_wait(page)
    assert not Subscription.objects.exists()
    assert page.locator("h1").count() == 1

    assert not tab.log.problems(), tab.log.problems()
    tab.guard.assert_nothing_left_the_machine()
