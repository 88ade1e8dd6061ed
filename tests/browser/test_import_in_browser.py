"""Staff import a member list in a real browser under the site's CSP: the upload page, the
preview with its row-by-row outcomes and the report pass axe and log no errors."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from tests.browser.test_accessibility import assert_page_is_accessible
from tests.einlesen.import_files import csv_upload, member

ROWS = [
    member("Atelier Anna", "Chemnitz", "anna@atelier-anna.de", disciplines="Illustration"),
    member('=HYPERLINK("http://evil.example")', "Chemnitz", "x@example.org"),
    member("Chemnitzer Klangwerk", "Chemniz", "", disciplines="Musikwirtschaft, Tanzen"),
]


def german(msgid):
    with translation.override("de"):
        return gettext(msgid)


@pytest.fixture
def member_list(tmp_path):
    upload = csv_upload(ROWS)
    path = tmp_path / "mitglieder.csv"
    path.write_bytes(upload.read())
    return path


def test_upload_preview_and_report_are_accessible(open_page_as, staff_chemnitz, member_list):
    tab = open_page_as(staff_chemnitz, bypass_csp=False)
    page = tab.page
    url = tab.url("/admin/einlesen/importrun/add/")
    assert page.goto(url).status == 200
    assert_page_is_accessible(tab, url)

    page.set_input_files("input[type=file]", str(member_list))
    with page.expect_navigation():
        page.get_by_role("button", name=german("Upload and check")).click()
    preview_url = page.url
    main = page.locator("#content").inner_text()
    assert "Atelier Anna" in main and "Chemniz" in main
    assert_page_is_accessible(tab, preview_url)

    with page.expect_navigation():
        page.get_by_role("button", name=german("Import now")).click()
    assert "Atelier Anna" in page.locator("#content").inner_text()
    assert_page_is_accessible(tab, page.url)
