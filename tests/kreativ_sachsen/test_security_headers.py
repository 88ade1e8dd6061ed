import re
from urllib.parse import urlsplit

import pytest

PAGES = ["/", "/en/", "/verbaende/leipzig/", "/teilmaerkte/", "/impressum/", "/gibt-es-nicht/"]


@pytest.fixture
def csp(client, reference_data):
    return client.get("/")["Content-Security-Policy"]


def test_every_page_sends_a_strict_content_security_policy(csp):
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp


@pytest.mark.parametrize("path", PAGES)
def test_pages_carry_no_inline_script_or_style(client, reference_data, path):
    html = client.get(path).content.decode()
    # Scripts only as files (the menu's static/js/disclosures.js): every <script> has a src
    # and nothing between its tags.
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    assert len(scripts) == html.count("<script")
    for attributes, body in scripts:
        assert re.search(r'\ssrc="/static/', attributes)
        assert not body.strip()
    assert not re.search(r"\sstyle=", html)
    assert "<style" not in html


@pytest.mark.parametrize("path", PAGES)
def test_pages_reference_no_third_party_host(client, reference_data, path):
    html = client.get(path).content.decode()
    # Links to the associations' own websites are fine; anything the browser would load is not.
    loaded = re.findall(r'(?:src|srcset)="([^"]+)"|<link[^>]+href="([^"]+)"', html)
    for src, link in loaded:
        # Canonical and hreflang links name our own host; nothing may name another.
        assert urlsplit(src or link).netloc in {"", "testserver"}


def test_anonymous_visitors_get_no_cookie(client, reference_data):
    for path in PAGES:
        assert not client.get(path).cookies


def test_the_site_cannot_be_framed_or_sniffed(client, reference_data):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
