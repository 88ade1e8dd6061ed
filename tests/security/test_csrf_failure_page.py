"""A form sent without a valid CSRF token gets a page in the site's design.

It used to get Django's English default page, whose inline CSS the Content Security Policy
blocks: an unstyled English "Forbidden" in the middle of a German site.
"""

import re

import pytest
from django.test import Client


@pytest.fixture
def browser(reference_data):
    return Client(enforce_csrf_checks=True)


def assert_site_page_without_inline_code(html):
    assert 'class="wrap page error-page"' in html
    assert 'href="/static/css/site.css"' in html
    assert "<style" not in html
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"<script(?![^>]*\ssrc=)", html)


def test_a_form_without_the_csrf_cookie_gets_the_german_page(browser):
    response = browser.post("/konto/anmelden/", {"username": "a@example.org", "password": "x"})

    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert '<html lang="de">' in html
    assert_site_page_without_inline_code(html)
    assert "CSRF verification failed" not in html


def test_the_page_explains_what_to_do(browser):
    response = browser.post("/en/konto/anmelden/", {"username": "a@example.org"})

    html = response.content.decode()
    assert response.status_code == 403
    assert "reload the page and send the form again" in html
    assert "Please allow cookies for this site" in html


def test_a_stale_token_gets_the_page_without_the_cookie_hint(browser):
    browser.get("/en/konto/anmelden/")  # sets the cookie
    response = browser.post(
        "/en/konto/anmelden/", {"username": "a@example.org", "csrfmiddlewaretoken": "x" * 64}
    )

    html = response.content.decode()
    assert response.status_code == 403
    assert_site_page_without_inline_code(html)
    assert "reload the page and send the form again" in html
    assert "Please allow cookies" not in html


def test_reloading_the_form_and_sending_it_again_works(browser, owner):
    browser.post("/konto/anmelden/", {"username": "owner@example.org"})

    form = browser.get("/konto/anmelden/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.content.decode())[1]
    response = browser.post(
        "/konto/anmelden/",
        {
            "username": "owner@example.org",
            "password": "correct-horse-battery-staple",
            "csrfmiddlewaretoken": token,
        },
    )

    assert response.status_code == 302
