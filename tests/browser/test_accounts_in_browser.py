"""Login, password reset, membership request and invitation pages in a real browser."""

import pytest
from playwright.sync_api import expect

from konten.invitations import invite
from tests.browser.test_accessibility import AXE, AXE_OPTIONS, format_violations
from tests.factories import ProfileFactory, UserFactory

PAGES = [
    pytest.param("/konto/anmelden/", id="login"),
    pytest.param("/konto/passwort-vergessen/", id="password-reset"),
    pytest.param("/konto/passwort-vergessen/gesendet/", id="password-reset-sent"),
    pytest.param("/mitglied-werden/", id="membership-request"),
    pytest.param("/mitglied-werden/danke/", id="membership-request-done"),
    pytest.param("/en/mitglied-werden/", id="en-membership-request"),
    pytest.param("/konto/einladung/ungueltig/", id="invitation-invalid"),
]


def assert_accessible(tab, url):
    tab.page.evaluate("document.fonts.ready.then(() => true)")
    violations = AXE.run(tab.page, options=AXE_OPTIONS).response["violations"]
    assert not violations, format_violations(url, violations)


@pytest.mark.parametrize("path", PAGES)
def test_account_pages_are_accessible(open_page, reference_data, path):
    tab = open_page()
    url = tab.url(path)
    tab.page.goto(url)
    assert_accessible(tab, url)
    assert not tab.log.problems(ignore_document_url=url), tab.log.problems()
    tab.guard.assert_nothing_left_the_machine()


def test_forms_with_errors_are_accessible(open_page, reference_data):
    tab = open_page()
    for path, button in [
        ("/konto/anmelden/", "Anmelden"),
        ("/mitglied-werden/", "Antrag senden"),
    ]:
        tab.page.goto(tab.url(path))
        tab.page.get_by_role("button", name=button).click()
        tab.page.wait_for_selector(".form-errors, .field__errors")
        assert_accessible(tab, tab.page.url)
    tab.guard.assert_nothing_left_the_machine()


def test_the_invitation_page_is_accessible(
    open_page, reference_data, django_capture_on_commit_callbacks
):
    from django.core import mail

    profile = ProfileFactory(name="Neues Atelier")
    with django_capture_on_commit_callbacks(execute=True):
        invite("neu@example.org", profile)
    path = "/konto/einladung/" + mail.outbox[-1].body.split("/konto/einladung/")[1].split()[0]
    tab = open_page()
    tab.page.goto(tab.url(path))
    assert "Neues Atelier" in tab.page.content()
    assert_accessible(tab, path)


def test_logging_in_by_keyboard_alone(open_page, reference_data):
    UserFactory(email="lena@example.org")
    tab = open_page()
    page = tab.page
    page.goto(tab.url("/konto/anmelden/"))
    # The e-mail field has autofocus; Chromium applies it after load, so wait for it
    # rather than typing into nothing on a busy machine.
    expect(page.get_by_label("E-Mail-Adresse")).to_be_focused()
    page.keyboard.type("lena@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type("correct-horse-battery-staple")
    page.keyboard.press("Enter")
    page.wait_for_url("**/mein-profil/")
    assert page.get_by_role("button", name="Abmelden").is_visible()
    tab.guard.assert_nothing_left_the_machine()
