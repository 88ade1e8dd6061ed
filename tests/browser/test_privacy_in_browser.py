"""Data rights and the contact relay in a real browser: every page accessible (axe-core finds
no WCAG 2.1 A/AA violations), and the contact form on a profile page works with the keyboard
alone."""

import pytest
from django.core import mail
from django.utils import translation

from mitglieder.models import Visibility
from tests.browser.test_accessibility import AXE, AXE_OPTIONS, format_violations
from tests.factories import ProfileFactory, UserFactory

MESSAGE = "Guten Tag, wir suchen ein Plakat für unser Sommerfest im Juli."


def german(msgid):
    """The German text once the catalogue has the entry; until then the English msgid."""
    with translation.override("de"):
        return translation.gettext(msgid)


def assert_accessible(tab, url):
    tab.page.evaluate("document.fonts.ready.then(() => true)")
    violations = AXE.run(tab.page, options=AXE_OPTIONS).response["violations"]
    assert not violations, format_violations(url, violations)
    assert not tab.log.problems(ignore_document_url=url), tab.log.problems()
    tab.guard.assert_nothing_left_the_machine()


@pytest.fixture
def contact_profile(owner):
    """The owner's profile with public phone and address, so every part of the contact
    section shows, and a second editor for a shared profile."""
    profile = owner.profiles.get()
    profile.phone = "+49 371 123456"
    profile.phone_visibility = Visibility.PUBLIC
    profile.street_address = "Straße der Nationen 12"
    profile.postal_code = "09111"
    profile.address_visibility = Visibility.PUBLIC
    profile.website = "https://atelier-olga.example"
    profile.save()
    shared = ProfileFactory(name="Gemeinsames Studio")
    shared.owners.add(owner, UserFactory())
    return profile


ACCOUNT_PAGES = [
    pytest.param("/konto/daten/", id="export"),
    pytest.param("/konto/loeschen/", id="delete"),
    pytest.param("/en/konto/daten/", id="en-export"),
    pytest.param("/en/konto/loeschen/", id="en-delete"),
]


@pytest.mark.parametrize("path", ACCOUNT_PAGES)
def test_the_data_rights_pages_are_accessible(open_page_as, contact_profile, path):
    tab = open_page_as(contact_profile.owners.get())
    url = tab.url(path)
    response = tab.page.goto(url)
    assert response is not None and response.status == 200, url
    assert response.url == url, "Not logged in: redirected to the login"
    assert_accessible(tab, url)


def test_a_wrong_confirmation_is_announced_accessibly(open_page_as, contact_profile):
    tab = open_page_as(contact_profile.owners.get())
    url = tab.url("/konto/loeschen/")
    tab.page.goto(url)
    tab.page.fill("#id_confirmation", "falsch")
    with tab.page.expect_navigation():
        tab.page.click("button[type=submit].button--danger")
    assert tab.page.locator("#form-errors").is_visible()
    assert_accessible(tab, url)


@pytest.mark.parametrize(
    "path",
    [
        pytest.param("/mitglieder/{slug}/", id="profile-with-contact-form"),
        pytest.param("/mitglieder/{slug}/kontakt/", id="contact-page"),
        pytest.param("/en/mitglieder/{slug}/kontakt/", id="en-contact-page"),
    ],
)
def test_the_contact_pages_are_accessible(open_page, contact_profile, path):
    tab = open_page()
    url = tab.url(path.format(slug=contact_profile.slug))
    response = tab.page.goto(url)
    assert response is not None and response.status == 200, url
    assert tab.page.locator("form[action$='/kontakt/']").count() == 1
    assert "owner@example.org" not in tab.page.content()
    assert_accessible(tab, url)


def test_contact_errors_are_accessible(open_page, contact_profile):
    tab = open_page()
    url = tab.url(f"/mitglieder/{contact_profile.slug}/kontakt/")
    tab.page.goto(url)
    tab.page.fill("#contact_sender_name", "Bea Beispiel")
    tab.page.fill("#contact_sender_email", "bea@")
    tab.page.fill("#contact_message", "Zu kurz")
    with tab.page.expect_navigation():
        tab.page.click("form[action$='/kontakt/'] button[type=submit]")
    assert tab.page.locator("#form-errors").is_visible()
    assert not mail.outbox
    assert_accessible(tab, url)


def test_the_contact_form_works_with_the_keyboard_alone(open_page, contact_profile):
    tab = open_page(bypass_csp=False)
    page = tab.page
    profile_url = tab.url(f"/mitglieder/{contact_profile.slug}/")
    response = page.goto(profile_url)
    assert response is not None and response.status == 200

    def focused_id():
        return page.evaluate("document.activeElement && document.activeElement.id")

    for _stop in range(80):
        page.keyboard.press("Tab")
        if focused_id() == "contact_sender_name":
            break
    else:
        pytest.fail("Tab never reached the contact form's name field")
    page.keyboard.type("Bea Beispiel")
    page.keyboard.press("Tab")
    assert focused_id() == "contact_sender_email"
    page.keyboard.type("bea@example.net")
    page.keyboard.press("Tab")
    assert focused_id() == "contact_message"
    page.keyboard.type(MESSAGE)
    # The honeypot is skipped: the next stop is the submit button.
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "({tag: document.activeElement.tagName, type: document.activeElement.type,"
        " name: document.activeElement.name})"
    )
    assert focused["tag"] == "BUTTON" and focused["type"] == "submit", focused
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.url == profile_url
    success = german("Thank you, your message has been sent. %(name)s can reply to you by e-mail.")
    status = page.locator(".messages")
    assert status.is_visible()
    assert status.inner_text().strip() == success % {"name": contact_profile.name}
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["owner@example.org"]
    assert mail.outbox[0].reply_to == ["Bea Beispiel <bea@example.net>"]
    assert "owner@example.org" not in page.content()
    assert not tab.log.problems(), tab.log.problems()
    tab.guard.assert_nothing_left_the_machine()
