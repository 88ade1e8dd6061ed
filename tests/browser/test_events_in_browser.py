"""The event pages in a real browser: no axe violations (WCAG 2.1 A/AA) in any state, no
console errors under the real CSP, nothing loaded from other hosts, filters usable."""

import datetime as dt

import pytest
from django.utils import timezone

from teilmaerkte.models import Submarket
from tests.browser.test_accessibility import AXE, AXE_OPTIONS, format_violations
from tests.veranstaltungen.factories import EventFactory
from veranstaltungen.models import Event
from verbaende.models import Association


def days_from_now(days, hour):
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


@pytest.fixture
def events(reference_data):
    dresden = Association.objects.get(slug="dresden")
    state = Association.objects.get(slug="landesverband")
    salon = EventFactory(
        title="Beratungssalon mit dem Kulturbüro Dresden",
        association=dresden,
        kind=Event.Kind.CONSULTATION_SALON,
        description="Themen sind **Förderung** und Honorare.\n\n- Förderprogramme\n- Recht",
        starts_at=days_from_now(9, 16),
        ends_at=days_from_now(9, 19),
        venue_name="Kulturbüro Dresden",
        street_address="Königsbrücker Straße 96",
        postal_code="01099",
        city="Dresden",
        accessibility=Event.Accessibility.PARTLY,
        accessibility_note="Aufzug im Haus.",
        registration_url="https://anmeldung.example.org/salon",
        registration_note="Bitte buchen Sie einen Termin.",
    )
    salon.submarkets.set(Submarket.objects.filter(slug__in=["designwirtschaft", "sonstige"]))
    online = EventFactory(
        title="Online-Sprechstunde Förderung",
        association=state,
        kind=Event.Kind.CONSULTATION,
        starts_at=days_from_now(5, 17),
        ends_at=days_from_now(5, 18),
        is_online=True,
        online_url="https://meet.example.org/sprechstunde",
        venue_name="",
        street_address="",
        postal_code="",
        city="",
        accessibility=Event.Accessibility.UNKNOWN,
        accessibility_note="Automatische Untertitel sind eingeschaltet.",
    )
    cancelled = EventFactory(
        title="Fotografie für Social Media",
        starts_at=days_from_now(19, 10),
        ends_at=days_from_now(19, 14),
        is_cancelled=True,
    )
    EventFactory(
        title="Werkschau Leipziger Illustration",
        association=Association.objects.get(slug="leipzig"),
        kind=Event.Kind.EXHIBITION,
        starts_at=days_from_now(-30, 12),
        ends_at=days_from_now(-28, 18),
    )
    return {"salon": salon, "online": online, "cancelled": cancelled}


PAGES = [
    pytest.param("/veranstaltungen/", id="upcoming"),
    pytest.param("/veranstaltungen/vergangene/", id="past"),
    pytest.param("/veranstaltungen/?verband=chemnitz&art=exhibition", id="filtered-empty"),
    pytest.param("/veranstaltungen/?verband=nonsense&seite=abc", id="invalid-query"),
    pytest.param("/veranstaltungen/?kreis=chemnitz&ort=chemnitz", id="by-place"),
    pytest.param("/veranstaltungen/?ort=atlantis", id="unknown-place"),
    pytest.param("/veranstaltungen/{salon}/", id="detail-in-person"),
    pytest.param("/veranstaltungen/{online}/", id="detail-online"),
    pytest.param("/veranstaltungen/{cancelled}/", id="detail-cancelled"),
    pytest.param("/en/veranstaltungen/", id="en-upcoming"),
    pytest.param("/en/veranstaltungen/{salon}/", id="en-detail-in-person"),
]


@pytest.mark.parametrize("path", PAGES)
def test_event_pages_are_accessible(open_page, events, path):
    tab = open_page()
    url = tab.url(path.format(**{name: event.slug for name, event in events.items()}))
    response = tab.page.goto(url)
    assert response is not None and response.status == 200, url
    tab.page.evaluate("document.fonts.ready.then(() => true)")
    language = "en" if path.startswith("/en/") else "de"
    assert (tab.page.get_attribute("html", "lang") or "").split("-")[0] == language
    violations = AXE.run(tab.page, options=AXE_OPTIONS).response["violations"]
    assert not violations, format_violations(url, violations)
    assert not tab.log.problems(), tab.log.problems()
    tab.guard.assert_nothing_left_the_machine()


def test_event_pages_need_no_inline_script_or_style_under_the_real_csp(open_page, events):
    tab = open_page(bypass_csp=False)
    for path in ("/veranstaltungen/", f"/veranstaltungen/{events['salon'].slug}/"):
        response = tab.page.goto(tab.url(path))
        assert response is not None and response.status == 200
        assert "default-src 'self'" in response.headers.get("content-security-policy", "")
        tab.page.evaluate("document.fonts.ready.then(() => true)")
        assert not tab.log.problems(), tab.log.problems()
    tab.guard.assert_nothing_left_the_machine()


def test_the_filters_work_with_the_keyboard(open_page, events):
    tab = open_page()
    page = tab.page
    page.goto(tab.url("/veranstaltungen/"))
    page.get_by_label("Verband").select_option("dresden")
    page.get_by_label("Verband").focus()
    # Tab through the other filters (kind, district, place) to the button.
    focused_button = page.locator(".filters button[type=submit]:focus")
    for _ in range(6):
        page.keyboard.press("Tab")
        if focused_button.count():
            break
    assert focused_button.count() == 1
    page.keyboard.press("Enter")
    page.wait_for_url("**/veranstaltungen/?verband=dresden*")
    cards = page.locator(".event-card__title").all_inner_texts()
    assert cards == ["Beratungssalon mit dem Kulturbüro Dresden"]
    assert page.get_by_role("link", name="Nur Wir gestalten Dresden (iCal)").is_visible()
    tab.guard.assert_nothing_left_the_machine()


def test_the_calendar_file_downloads_from_the_detail_page(open_page, events):
    tab = open_page()
    page = tab.page
    page.goto(tab.url(f"/veranstaltungen/{events['salon'].slug}/"))
    with page.expect_download() as download:
        page.get_by_role("link", name="Zum Kalender hinzufügen").click()
    assert download.value.suggested_filename == f"{events['salon'].slug}.ics"
    tab.guard.assert_nothing_left_the_machine()
