"""Success reports in a real browser: the member's page in every state and the profile page
with approved reports pass axe (WCAG 2.1 A/AA); the member's page and the moderation queue
run under the strict CSP; staff approve a report from the queue with a click."""

import io
import re

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone, translation
from django.utils.translation import gettext
from PIL import Image

from aktuelles.models import SuccessReport
from tests.browser.test_accessibility import AXE, AXE_OPTIONS, format_violations
from tests.factories import SuccessReportFactory
from verbaende.models import Association
from verbaende.roles import make_staff


def german(msgid):
    with translation.override("de"):
        return gettext(msgid)


def png_bytes(size=(400, 300), colour=(30, 80, 120)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SERVE_MEDIA = True
    return tmp_path


@pytest.fixture
def reports(owned_profile, staff_chemnitz, media):
    """One report in each state, the approved one with an image."""
    return {
        "pending": SuccessReportFactory(
            profile=owned_profile, title="Nominiert für den Designpreis"
        ),
        "approved": SuccessReportFactory(
            profile=owned_profile,
            title="Ausstellung im Kunstmuseum",
            kind="exhibition",
            status="approved",
            published_at=timezone.now(),
            image=ContentFile(png_bytes(), name="ausstellung.png"),
            image_alt="Blick in den Ausstellungsraum mit drei Plakaten",
        ),
        "rejected": SuccessReportFactory(
            profile=owned_profile,
            title="Presseartikel",
            kind="press",
            status="rejected",
            decided_by=staff_chemnitz,
            decision_reason="Der Link führt auf eine leere Seite.",
        ),
    }


def assert_clean(tab, url):
    tab.page.evaluate("document.fonts.ready.then(() => true)")
    violations = AXE.run(tab.page, options=AXE_OPTIONS).response["violations"]
    assert not violations, format_violations(url, violations)
    assert not tab.log.problems(), tab.log.problems()
    tab.guard.assert_nothing_left_the_machine()


def goto(tab, path):
    response = tab.page.goto(tab.url(path))
    assert response is not None
    assert response.status == 200, f"{path}: HTTP {response.status}"
    return tab.url(path)


def test_the_empty_page_is_accessible(open_page_as, owner, owned_profile, media):
    tab = open_page_as(owner)
    url = goto(tab, f"/mein-profil/{owned_profile.pk}/erfolge/")
    assert tab.page.locator(".empty-state").is_visible()
    assert_clean(tab, url)


def test_the_page_with_a_report_in_each_state_is_accessible(open_page_as, owner, reports):
    tab = open_page_as(owner)
    url = goto(tab, f"/mein-profil/{reports['pending'].profile_id}/erfolge/")
    for report in reports.values():
        assert tab.page.locator(f"#erfolg-{report.pk}").is_visible()
    assert_clean(tab, url)


def test_the_delete_confirmation_is_accessible(open_page_as, owner, reports):
    report = reports["approved"]
    tab = open_page_as(owner)
    url = goto(tab, f"/mein-profil/{report.profile_id}/erfolge/{report.pk}/loeschen/")
    assert_clean(tab, url)


def test_the_form_with_errors_is_accessible_and_keeps_nothing(
    open_page_as, owner, owned_profile, media
):
    tab = open_page_as(owner)
    page = tab.page
    url = goto(tab, f"/mein-profil/{owned_profile.pk}/erfolge/")
    page.fill("#id_title", "<script>alert(1)</script>")
    page.fill("#id_achieved_on", "1900-01-01")
    page.fill("#id_evidence_url", "keine Adresse")
    page.set_input_files(
        "#id_image", files=[{"name": "bild.png", "mimeType": "image/png", "buffer": png_bytes()}]
    )
    with page.expect_navigation():
        page.get_by_role("button", name=german("Send for review")).click()
    page.wait_for_selector("#form-errors")
    assert page.locator("#id_title").get_attribute("aria-invalid") == "true"
    assert page.evaluate("document.activeElement.id") == "form-errors"
    assert_clean(tab, url)
    assert not SuccessReport.objects.exists()


def test_reporting_a_success_works_under_the_real_csp(open_page_as, owner, owned_profile, media):
    tab = open_page_as(owner, bypass_csp=False)
    page = tab.page
    goto(tab, f"/mein-profil/{owned_profile.pk}/erfolge/")
    page.get_by_label(german("Award")).check()
    page.fill("#id_title", "Sächsischer Staatspreis für Design")
    page.fill("#id_achieved_on", "2026-05-04")
    page.fill("#id_evidence_url", "https://example.org/preistraeger")
    page.set_input_files(
        "#id_image", files=[{"name": "urkunde.png", "mimeType": "image/png", "buffer": png_bytes()}]
    )
    page.fill("#id_image_alt", "Die Urkunde auf einem Holztisch")
    with page.expect_navigation():
        page.get_by_role("button", name=german("Send for review")).click()

    report = SuccessReport.objects.get()
    assert report.status == SuccessReport.Status.PENDING
    assert page.get_by_role("img", name="Die Urkunde auf einem Holztisch").is_visible()
    assert not tab.log.problems(), tab.log.problems()
    tab.guard.assert_nothing_left_the_machine()


def test_a_profile_page_with_approved_reports_is_accessible(open_page, reports):
    profile = reports["approved"].profile
    tab = open_page()
    url = goto(tab, profile.get_absolute_url())
    article = tab.page.locator(f"#erfolg-{reports['approved'].pk}")
    assert article.is_visible()
    assert tab.page.locator(f"#erfolg-{reports['pending'].pk}").count() == 0
    assert_clean(tab, url)


@pytest.fixture
def staff(staff_chemnitz):
    return make_staff(staff_chemnitz, Association.objects.get(slug="chemnitz"))


def test_the_queue_with_a_pending_report_runs_under_the_real_csp(open_page_as, staff, reports):
    pending = reports["pending"]
    pending.image = ContentFile(png_bytes(colour=(160, 40, 40)), name="nominierung.png")
    pending.image_alt = "Die Nominierungsurkunde"
    pending.save()
    tab = open_page_as(staff, bypass_csp=False)
    page = tab.page
    goto(tab, "/admin/moderation/moderationqueue/")
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("img", name="Die Nominierungsurkunde").is_visible()

    # The button's name carries the report's title, so a list of buttons is not ambiguous.
    page.get_by_role(
        "button",
        name=re.compile(rf"^{re.escape(german('Approve and publish'))}\s*: Nominiert für den"),
    ).click()
    page.wait_for_load_state("networkidle")

    assert "Nominiert für den Designpreis" in page.locator(".messagelist").inner_text()
    pending.refresh_from_db()
    assert pending.status == SuccessReport.Status.APPROVED
    assert not tab.log.problems(), tab.log.problems()
    tab.guard.assert_nothing_left_the_machine()
