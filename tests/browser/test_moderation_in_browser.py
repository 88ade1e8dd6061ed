"""The moderation queue and a profile's admin pages in a real browser, under the site's CSP:
no console errors, nothing loaded from elsewhere; staff approve a profile with a click."""

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from mitglieder.models import MembershipRequest, Profile
from tests.factories import ProfileFactory
from verbaende.models import Association, Municipality
from verbaende.roles import make_staff


def german(msgid):
    """What the German admin shows for `msgid` (the msgid itself until it is translated)."""
    with translation.override("de"):
        return gettext(msgid)


@pytest.fixture
def staff(staff_chemnitz):
    return make_staff(staff_chemnitz, Association.objects.get(slug="chemnitz"))


@pytest.fixture
def waiting(owner, owned_profile):
    owned_profile.status = Profile.Status.IN_REVIEW
    owned_profile.submitted_at = timezone.now()
    owned_profile.save()
    MembershipRequest.objects.create(
        name="Neues Atelier",
        contact_name="Nina Neu",
        email="nina@example.org",
        municipality=Municipality.objects.get(slug="chemnitz"),
    )
    ProfileFactory(name="Studio Leipzig", municipality=Municipality.objects.get(slug="leipzig"))
    return owned_profile


@pytest.fixture
def staff_tab(open_page_as, staff):
    def open_staff_page(**kwargs):
        return open_page_as(staff, **kwargs)

    return open_staff_page


def visit(tab, path):
    response = tab.page.goto(tab.url(path))
    assert response is not None
    assert response.status == 200, f"{path}: HTTP {response.status}"
    tab.page.wait_for_load_state("networkidle")


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/moderation/moderationqueue/",
        "/admin/mitglieder/profile/",
        "/admin/mitglieder/profile/{pk}/change/",
        "/admin/mitglieder/profile/{pk}/moderieren/",
        "/admin/mitglieder/profile/{pk}/history/",
        "/admin/mitglieder/profile/{pk}/history/{version}/",
        "/admin/mitglieder/profile/add/",
        "/admin/moderation/moderationaction/",
        "/admin/mitglieder/membershiprequest/",
    ],
)
def test_admin_pages_run_under_the_real_csp(staff_tab, waiting, path):
    tab = staff_tab(bypass_csp=False)
    visit(tab, path.format(pk=waiting.pk, version=waiting.history.latest().history_id))

    assert not tab.log.problems(), tab.log.problems()
    tab.guard.assert_nothing_left_the_machine()


def test_the_autocomplete_widget_works_under_the_csp(staff_tab, waiting):
    tab = staff_tab(bypass_csp=False)
    visit(tab, f"/admin/mitglieder/profile/{waiting.pk}/change/")
    page = tab.page
    page.locator("#id_municipality").locator("xpath=..").locator(".select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill("Leip")
    page.locator(".select2-results__option", has_text="Leipzig").first.wait_for()

    assert not tab.log.problems(), tab.log.problems()


def test_staff_approve_from_the_queue_by_click(staff_tab, waiting):
    tab = staff_tab(bypass_csp=False)
    visit(tab, "/admin/moderation/moderationqueue/")
    page = tab.page
    assert "Studio Leipzig" not in page.content()

    page.get_by_role("button", name=german("Approve and publish")).click()
    page.wait_for_load_state("networkidle")

    assert "Atelier Olga" in page.locator(".messagelist").inner_text()
    waiting.refresh_from_db()
    assert waiting.status == Profile.Status.PUBLISHED
    assert not tab.log.problems(), tab.log.problems()


def test_the_queue_fits_a_phone_and_passes_axe(staff_tab, waiting):
    from tests.browser.test_accessibility import AXE, AXE_OPTIONS, format_violations

    tab = staff_tab(bypass_csp=False)
    page = tab.page
    page.set_viewport_size({"width": 390, "height": 844})
    visit(tab, "/admin/moderation/moderationqueue/")

    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the queue scrolls sideways by {overflow} px"
    violations = AXE.run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, format_violations(page.url, violations)
    assert not tab.log.problems(), tab.log.problems()
