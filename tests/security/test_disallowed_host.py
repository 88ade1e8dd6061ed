"""Finding 8: a request with a Host header we do not serve gets the German 400 page.

Rendering that page used to evaluate request.get_host() for the canonical link, which
raised DisallowedHost a second time inside the error handler: a 500 with a traceback.
"""

import logging

import pytest
from django.test import Client


@pytest.fixture
def attacker(reference_data):
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(
    ("path", "language"),
    [("/", "de"), ("/mitglieder/", "de"), ("/gibt-es-nicht/", "de"), ("/en/", "en")],
)
def test_a_foreign_host_header_gets_the_styled_400_page(attacker, caplog, path, language):
    with caplog.at_level(logging.ERROR):
        response = attacker.get(path, HTTP_HOST="evil.example")
    assert response.status_code == 400
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert 'class="wrap page error-page"' in html
    assert "evil.example" not in html
    # Django logs the refused host as a warning on django.security; nothing reaches ERROR.
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]


def test_over_plain_http_the_https_redirect_does_not_trip_over_it_either(
    reference_data, settings, caplog
):
    # Production redirects plain HTTP to HTTPS, and that redirect asks for the host first.
    settings.SECURE_SSL_REDIRECT = True
    with caplog.at_level(logging.ERROR):
        response = Client(raise_request_exception=False).get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]


def test_a_foreign_host_header_on_a_post_gets_the_400_page_too(attacker, caplog):
    with caplog.at_level(logging.ERROR):
        response = attacker.post("/mitglied-werden/", {"name": "x"}, HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]


def test_the_canonical_link_names_the_configured_site_not_the_host_header(
    client, reference_data, settings
):
    settings.SITE_URL = "https://kreativ-sachsen.example"
    settings.ALLOWED_HOSTS = ["testserver", "alias.example"]
    html = client.get("/mitglieder/", HTTP_HOST="alias.example").content.decode()
    assert '<link rel="canonical" href="https://kreativ-sachsen.example/mitglieder/">' in html
    assert "alias.example" not in html


def test_sitemap_and_robots_name_the_configured_site_whichever_host_was_asked(
    client, reference_data, settings
):
    settings.SITE_URL = "https://kreativ-sachsen.example"
    settings.ALLOWED_HOSTS = ["testserver", "alias.example"]
    sitemap = client.get("/sitemap.xml", HTTP_HOST="alias.example").content.decode()
    robots = client.get("/robots.txt", HTTP_HOST="alias.example").content.decode()
    assert "<loc>https://kreativ-sachsen.example/mitglieder/</loc>" in sitemap
    assert "alias.example" not in sitemap
    assert "Sitemap: https://kreativ-sachsen.example/sitemap.xml" in robots
