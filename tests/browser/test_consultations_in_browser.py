"""Consultations in a real browser: booking with the keyboard alone in German and English,
and every page of the flow without axe violations (WCAG 2.1 A/AA), console errors or
requests to other hosts."""

import datetime as dt

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from beratung import services
from beratung.models import Booking, Slot, Topic
from beratung.reference import ensure_topics
from tests.beratung.beratung_data import advisor, booking, slot
from tests.browser.test_accessibility import AXE, AXE_OPTIONS, format_violations

MAX_TABS = 80


@pytest.fixture
def offers(reference_data):
    ensure_topics(Topic)
    clara = advisor(name="Clara Rat")
    first = slot(clara, days=3, hour=10)
    second = slot(clara, days=3, hour=11)
    phone = slot(
        advisor("leipzig", name="Lutz Leipziger"), days=4, mode=Slot.Mode.PHONE, address=""
    )
    booked = booking(slot(clara, days=5), email="gebucht@example.org")
    return {"first": first, "second": second, "phone": phone, "booked": booked}


def assert_accessible(tab, url, *, status=200, language="de"):
    response = tab.page.goto(tab.url(url))
    assert response is not None and response.status == status, url
    check_current_page(tab, url, language=language)


def check_current_page(tab, url, *, language="de"):
    problems = []
    html_lang = tab.page.get_attribute("html", "lang") or ""
    if html_lang.split("-")[0] != language:
        problems.append(f'<html lang="{html_lang}">, expected "{language}"')
    violations = AXE.run(tab.page, options=AXE_OPTIONS).response["violations"]
    if violations:
        problems.append(format_violations(url, violations))
    problems.extend(tab.log.problems(ignore_document_url=tab.page.url))
    # One tab visits many pages: each page answers for its own errors only.
    tab.log.console_errors.clear()
    tab.log.page_errors.clear()
    assert not problems, f"{url}:\n" + "\n".join(problems)


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_consultation_pages_are_accessible(open_page, offers, prefix):
    language = "en" if prefix else "de"
    tab = open_page()
    booked = offers["booked"]
    for url in [
        "/beratung/",
        "/beratung/?art=phone&thema=marketing",
        "/beratung/?thema=unsinn",
        "/verbaende/chemnitz/beratung/",
        f"/beratung/termin/{offers['first'].pk}/",
        "/beratung/gebucht/",
        f"/beratung/buchung/{services.manage_token(booked)}/",
        f"/beratung/bewertung/{services.feedback_token(booked)}/",
    ]:
        assert_accessible(tab, prefix + url, language=language)
    for url, status in [
        (f"/beratung/termin/{booked.slot_id}/", 409),
        ("/beratung/termin/999999/", 404),
        ("/beratung/buchung/kaputt/", 400),
    ]:
        assert_accessible(tab, prefix + url, status=status, language=language)

    # The form with its errors, and the feedback form once the consultation is over.
    tab.page.goto(tab.url(f"{prefix}/beratung/termin/{offers['first'].pk}/"))
    tab.page.locator("main button[type=submit]").click()
    tab.page.wait_for_load_state()
    check_current_page(tab, "booking form with errors", language=language)
    Slot.objects.filter(pk=booked.slot_id).update(starts_at=timezone.now() - dt.timedelta(hours=2))
    assert_accessible(
        tab, f"{prefix}/beratung/bewertung/{services.feedback_token(booked)}/", language=language
    )
    tab.guard.assert_nothing_left_the_machine()


def _focused(page):
    return page.evaluate(
        """() => {
            const element = document.activeElement;
            return {
                id: element.id,
                tag: element.tagName,
                type: element.getAttribute("type"),
                href: element.getAttribute("href"),
            };
        }"""
    )


def _tab_until(page, predicate, what):
    for _press in range(MAX_TABS):
        page.keyboard.press("Tab")
        if predicate(_focused(page)):
            return
    raise AssertionError(f"{what} not reached with the Tab key")


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_booking_with_the_keyboard_alone(open_page, offers, prefix):
    slot_row = offers["second"]
    tab = open_page(bypass_csp=False)
    page = tab.page
    page.goto(tab.url(f"{prefix}/beratung/"))

    link = f"{prefix}/beratung/termin/{slot_row.pk}/"
    _tab_until(page, lambda f: f["href"] == link, "the slot's booking link")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    _tab_until(page, lambda f: f["id"] == "id_name", "the name field")
    page.keyboard.type("Kira Tastatur")
    page.keyboard.press("Tab")
    assert _focused(page)["id"] == "id_email"
    page.keyboard.type("kira@example.org")
    page.keyboard.press("Tab")
    assert _focused(page)["id"] == "id_topic"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    assert _focused(page)["id"] == "id_question"
    page.keyboard.type("Welche Förderung passt zu meinem Studio?")
    page.keyboard.press("Tab")
    assert _focused(page)["id"] == "id_consent"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    focused = _focused(page)
    assert focused["tag"] == "BUTTON" and focused["type"] == "submit", focused
    with page.expect_navigation():
        page.keyboard.press("Enter")

    with translation.override("en" if prefix else "de"):
        assert page.locator("h1").inner_text() == str(_("Appointment booked"))
    made = Booking.objects.get(email="kira@example.org")
    assert made.slot == slot_row
    assert made.topic is not None
    assert made.language == ("en" if prefix else "de")
    assert not tab.log.problems()
    tab.guard.assert_nothing_left_the_machine()
