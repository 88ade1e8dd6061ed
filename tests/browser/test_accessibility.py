"""Every public page, in a real browser: axe-core finds no WCAG 2.1 A/AA violations, nothing
is logged as an error, nothing is loaded from other hosts, and the keyboard works."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import signing

from mitglieder import contact_address
from tests.factories import ProfileFactory

AXE = Axe()
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}

PROFILE_NAME = "Atelier Lichtblick"
# Pages for logged-in accounts: opened as the poster of the "{listing}" listing.
POSTER_PAGES = {"/raeume/neu/", "/raeume/meine/"}
SKIP_LINK_TEXT = "Zum Inhalt springen"

# "{profile}" is replaced by the published profile's slug, "{listing}" by a published
# Raumbörse listing's number, "{call}" by the id of the profile's cooperation call.
PAGES = [
    pytest.param("/", 200, id="home"),
    pytest.param("/verbaende/landesverband/", 200, id="verband-landesverband"),
    pytest.param("/verbaende/chemnitz/", 200, id="verband-chemnitz"),
    pytest.param("/verbaende/dresden/", 200, id="verband-dresden"),
    pytest.param("/verbaende/leipzig/", 200, id="verband-leipzig"),
    pytest.param("/mitglied-werden/?verband=leipzig", 200, id="mitglied-werden-leipzig"),
    pytest.param("/verbaende/dresden/kontakt/{person}/", 200, id="verband-kontakt"),
    pytest.param("/teilmaerkte/", 200, id="teilmaerkte"),
    pytest.param("/teilmaerkte/designwirtschaft/", 200, id="teilmarkt-designwirtschaft"),
    pytest.param("/mitglieder/{profile}/", 200, id="profil"),
    pytest.param("/beratung/", 200, id="beratung"),
    pytest.param("/verbaende/chemnitz/beratung/", 200, id="beratung-chemnitz"),
    pytest.param("/impressum/", 200, id="impressum"),
    pytest.param("/mitglied-werden/", 200, id="mitglied-werden"),
    pytest.param("/mitglied-werden/?verband=dresden", 200, id="mitglied-werden-dresden"),
    pytest.param("/datenschutz/", 200, id="datenschutz"),
    pytest.param("/barrierefreiheit/", 200, id="barrierefreiheit"),
    pytest.param("/daten/", 200, id="daten"),
    pytest.param("/raeume/", 200, id="raeume"),
    pytest.param("/raeume/?art=angebot&ausstattung=barrierefrei", 200, id="raeume-gefiltert"),
    pytest.param("/raeume/{listing}/", 200, id="raum"),
    pytest.param("/raeume/neu/", 200, id="raum-anbieten"),
    pytest.param("/raeume/meine/", 200, id="meine-raeume"),
    pytest.param("/raeume/verlaengern/{renewal}/", 200, id="raum-verlaengern"),
    pytest.param("/raeume/verlaengern/ungueltig/", 400, id="raum-verlaengern-ungueltig"),
    pytest.param("/gibt-es-nicht/", 404, id="404"),
    pytest.param("/karte/", 200, id="karte"),
    pytest.param("/karte/?teilmarkt=designwirtschaft&kreis=chemnitz", 200, id="karte-gefiltert"),
    pytest.param("/karte/?ebene=orte&ort=chemnitz", 200, id="karte-orte"),
    pytest.param("/karte/raeume/", 200, id="karte-raeume"),
    pytest.param("/karte/raeume/?art=gesuch&raum=studio&kreis=chemnitz", 200, id="karte-gesuche"),
    pytest.param("/karte/veranstaltungen/", 200, id="karte-veranstaltungen"),
    pytest.param(
        "/karte/veranstaltungen/?art=workshop&kreis=chemnitz",
        200,
        id="karte-veranstaltungen-gefiltert",
    ),
    pytest.param("/statistik/", 200, id="statistik"),
    pytest.param("/statistik/?verband=chemnitz", 200, id="statistik-chemnitz"),
    pytest.param("/statistik/lagebild/chemnitz/", 200, id="lagebild-chemnitz"),
    pytest.param("/statistik/lagebild/kreis/zwickau/", 200, id="lagebild-zwickau"),
    pytest.param("/kooperationen/", 200, id="kooperationen"),
    pytest.param("/kooperationen/?art=suchen&teilmarkt=buchmarkt", 200, id="kooperationen-leer"),
    pytest.param("/kooperationen/{call}/", 200, id="kooperation"),
    pytest.param("/konto/registrieren/", 200, id="registrieren"),
    pytest.param("/benachrichtigungen/", 200, id="benachrichtigungen"),
    pytest.param(
        "/benachrichtigungen/?art=mitglieder&disziplin=fotografie&kreis=leipzig",
        200,
        id="benachrichtigungen-mitglieder",
    ),
    pytest.param("/benachrichtigungen/?art=raeume", 200, id="benachrichtigungen-raeume"),
    pytest.param("{manage}", 200, id="benachrichtigungen-verwalten"),
    pytest.param("/en/", 200, id="en-home"),
    pytest.param("/en/verbaende/chemnitz/", 200, id="en-verband-chemnitz"),
    pytest.param("/en/verbaende/dresden/", 200, id="en-verband-dresden"),
    pytest.param("/en/teilmaerkte/", 200, id="en-teilmaerkte"),
    pytest.param("/en/teilmaerkte/designwirtschaft/", 200, id="en-teilmarkt-designwirtschaft"),
    pytest.param("/en/mitglieder/{profile}/", 200, id="en-profil"),
    pytest.param("/en/beratung/", 200, id="en-beratung"),
    pytest.param("/en/impressum/", 200, id="en-impressum"),
    pytest.param("/en/datenschutz/", 200, id="en-datenschutz"),
    pytest.param("/en/barrierefreiheit/", 200, id="en-barrierefreiheit"),
    pytest.param("/en/daten/", 200, id="en-daten"),
    pytest.param("/en/gibt-es-nicht/", 404, id="en-404"),
    pytest.param("/en/karte/", 200, id="en-karte"),
    pytest.param("/en/karte/veranstaltungen/", 200, id="en-karte-veranstaltungen"),
    pytest.param("/en/statistik/", 200, id="en-statistik"),
    pytest.param("/en/kooperationen/", 200, id="en-kooperationen"),
    pytest.param("/en/kooperationen/{call}/", 200, id="en-kooperation"),
]


@pytest.fixture
def profile(reference_data):
    """A published member, so the home, association, discipline and profile pages show one."""
    return ProfileFactory(name=PROFILE_NAME)


@pytest.fixture
def association_faces(reference_data):
    """Dresden with portrait, office, fees, benefits, a social link and two contact persons
    (one reachable through the relay); transactional tests flush the migration's texts."""
    from verbaende.models import Association, AssociationLink, ContactPerson

    dresden = Association.objects.get(slug="dresden")
    dresden.portrait = "Wir machen die Dresdner Kreativwirtschaft sichtbar."
    dresden.office_address = "Wir gestalten Dresden\nDresden"
    dresden.office_hours = "Termine nach Vereinbarung"
    dresden.fees = "Die Beiträge nennen wir Ihnen **auf Anfrage**."
    dresden.benefits = "- Beratung\n- Netzwerktreffen"
    dresden.email = "info@example.org"
    dresden.save()
    AssociationLink.objects.create(
        association=dresden, kind="instagram", url="https://instagram.example/wgd"
    )
    ContactPerson.objects.create(association=dresden, name="Ida Lehmann", role="Presse")
    return ContactPerson.objects.create(
        association=dresden, name="Katrin Opitz", role="Vorstand", email="k@example.org"
    )


@pytest.fixture
def call(profile):
    """An open call of the member, for the Kooperationsbörse pages and the profile page; the
    member has an editor, so the call page shows its reply form."""
    from tests.factories import UserFactory
    from tests.kooperationen.call_data import make_call

    profile.owners.add(UserFactory(email="lichtblick@example.org"))
    return make_call(profile, title="Suchen Partner für eine Ausstellung", municipality="chemnitz")


def alert_manage_path():
    """The manage page of an address with two alerts, one of them unconfirmed."""
    from benachrichtigungen.links import manage_url
    from tests.benachrichtigungen.alert_data import subscribe

    subscription = subscribe(criteria={"query": "teilmarkt=designwirtschaft"})
    subscribe(kind="spaces", criteria={"kreise": ["leipzig"]}, confirmed=False)
    url = manage_url(subscription.subscriber)
    return url[url.index("/benachrichtigungen/") :]


def wait_until_settled(page):
    """Web fonts finish loading (a failing font shows up as a console error)."""
    page.evaluate("document.fonts.ready.then(() => true)")


def format_violations(url: str, violations: list[dict]) -> str:
    lines = [f"{len(violations)} axe violation(s) on {url}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} [{violation.get('impact')}]: {violation['help']} "
            f"({violation.get('helpUrl', '')})"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    target: {target}")
            summary = (node.get("failureSummary") or "").replace("\n", " ").strip()
            if summary:
                lines.append(f"      {summary}")
    return "\n".join(lines)


@pytest.fixture
def space_listing(profile, settings, tmp_path):
    """A published offer with a photo and features, posted in the profile's name."""
    from raeume.models import Feature
    from tests.space_listings import SpaceListingFactory, add_photo

    settings.MEDIA_ROOT = tmp_path
    settings.SERVE_MEDIA = True
    # Transactional tests flush the rows the migrations add.
    feature, _ = Feature.objects.get_or_create(slug="barrierefrei", name="Barrierefrei")
    listing = SpaceListingFactory(
        title="Helles Atelier am Markt", profile=profile, features=[feature]
    )
    add_photo(listing)
    return listing


def renewal_token(listing):
    """The link of the listing's renewal reminder, as if the reminder had been sent."""
    from django.utils import timezone

    from raeume.expiry import renewal_token as token_for
    from raeume.models import Listing

    Listing.objects.filter(pk=listing.pk).update(renewal_reminded_at=timezone.now())
    return token_for(listing)


@pytest.mark.parametrize(("path", "status"), PAGES)
def test_page_is_accessible(request, open_page, profile, call, path, status):
    if path == "{manage}":
        path = alert_manage_path()
    listing = request.getfixturevalue("space_listing") if path.startswith("/raeume/") else None
    person = request.getfixturevalue("association_faces") if "/verbaende/" in path else None
    if path in POSTER_PAGES:
        tab = request.getfixturevalue("open_page_as")(listing.poster)
    else:
        tab = open_page()
    url = tab.url(
        path.format(
            profile=profile.slug,
            call=call.pk,
            listing=listing.pk if listing else "",
            person=person.pk if person else "",
            renewal=renewal_token(listing) if "{renewal}" in path else "",
        )
    )
    response = tab.page.goto(url)
    assert response is not None, f"No response for {url}"
    assert response.status == status, f"{url}: HTTP {response.status}, expected {status}"
    wait_until_settled(tab.page)

    problems = []
    language = "en" if path.startswith("/en/") else "de"
    html_lang = tab.page.get_attribute("html", "lang") or ""
    if html_lang.split("-")[0] != language:
        problems.append(f'<html lang="{html_lang}">, expected "{language}"')

    violations = AXE.run(tab.page, options=AXE_OPTIONS).response["violations"]
    if violations:
        problems.append(format_violations(url, violations))

    problems.extend(tab.log.problems(ignore_document_url=url if status >= 400 else None))
    assert not problems, f"{url}:\n" + "\n".join(problems)
    tab.guard.assert_nothing_left_the_machine()


def test_pages_need_no_inline_script_or_style_under_the_real_csp(open_page, profile):
    """Without bypass_csp the browser enforces the site's Content-Security-Policy: any inline
    script or style, or anything from another origin, would be logged as an error."""
    tab = open_page(bypass_csp=False)
    for path in ("/", f"/mitglieder/{profile.slug}/", "/karte/", "/statistik/"):
        url = tab.url(path)
        response = tab.page.goto(url)
        assert response is not None
        assert response.status == 200, f"{url}: HTTP {response.status}"
        csp = response.headers.get("content-security-policy", "")
        assert "default-src 'self'" in csp, f"{url}: no strict CSP header sent ({csp!r})"
        wait_until_settled(tab.page)
        problems = tab.log.problems()
        assert not problems, f"{url}:\n" + "\n".join(problems)
    tab.guard.assert_nothing_left_the_machine()


def test_skip_link_is_first_tab_stop_and_jumps_to_main(open_page, reference_data):
    tab = open_page()
    page = tab.page
    response = page.goto(tab.url("/"))
    assert response is not None and response.status == 200

    page.keyboard.press("Tab")
    focused = page.evaluate(
        """() => {
            const element = document.activeElement;
            const style = getComputedStyle(element);
            const box = element.getBoundingClientRect();
            return {
                tag: element.tagName.toLowerCase(),
                text: element.textContent.trim(),
                href: element.getAttribute("href"),
                outlineStyle: style.outlineStyle,
                outlineWidth: parseFloat(style.outlineWidth) || 0,
                boxShadow: style.boxShadow,
                visible: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
                    && box.top < innerHeight && box.left < innerWidth,
            };
        }"""
    )
    assert focused["tag"] == "a" and focused["href"] == "#main", (
        f"The first Tab stop should be the skip link to #main, got {focused}"
    )
    assert focused["text"] == SKIP_LINK_TEXT, (
        f"Skip link text is {focused['text']!r}, expected {SKIP_LINK_TEXT!r} "
        "(is the German catalogue compiled? `make install` runs compilemessages)"
    )
    assert focused["visible"], "The focused skip link is not visible in the viewport"
    has_outline = focused["outlineStyle"] != "none" and focused["outlineWidth"] > 0
    has_shadow = focused["boxShadow"] not in ("", "none")
    assert has_outline or has_shadow, f"The focused skip link has no focus indicator: {focused}"

    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#main'")
    focus_in_main = page.evaluate(
        "() => { const main = document.getElementById('main');"
        " return main !== null && main.contains(document.activeElement); }"
    )
    if not focus_in_main:
        # Browsers may only move the focus navigation starting point: the next Tab stop must
        # then be inside the main content, not back in the header.
        page.keyboard.press("Tab")
        focus_in_main = page.evaluate(
            "() => document.getElementById('main').contains(document.activeElement)"
        )
    assert focus_in_main, "After activating the skip link, focus did not move into #main"
    assert not tab.log.problems(), tab.log.problems()
    tab.guard.assert_nothing_left_the_machine()


def test_directory_with_its_suggestions_open_is_accessible(open_page, profile):
    """The search field's suggestions popup (a combobox with a grouped listbox), open and with
    an active option, passes axe like every page."""
    tab = open_page()
    page = tab.page
    url = tab.url("/mitglieder/")
    response = page.goto(url)
    assert response is not None and response.status == 200
    wait_until_settled(page)
    page.focus("#directory-q")
    page.keyboard.type(PROFILE_NAME[:5])
    # A locator, not wait_for_function: that evaluates a string, which the CSP forbids.
    page.locator("#directory-q[aria-expanded=true]").wait_for()
    page.keyboard.press("ArrowDown")
    violations = AXE.run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, format_violations(url, violations)
    assert not tab.log.problems(), tab.log.problems()
    tab.guard.assert_nothing_left_the_machine()


def assert_page_is_accessible(tab, url, *, expected_errors=False):
    wait_until_settled(tab.page)
    violations = AXE.run(tab.page, options=AXE_OPTIONS).response["violations"]
    assert not violations, format_violations(url, violations)
    if not expected_errors:
        assert not tab.log.problems(), tab.log.problems()
    tab.guard.assert_nothing_left_the_machine()


def test_contact_address_confirmation_pages_are_accessible(open_page, profile):
    """The page a confirmation link opens, and the one an expired or changed link opens."""
    profile.contact_email = "atelier@example.org"
    profile.save(update_fields=["contact_email"])
    token = signing.dumps(
        {"profile": profile.pk, "address": profile.contact_email}, salt=contact_address.SALT
    )
    tab = open_page()
    for token_in_link, status in ((token, 200), ("kaputt", 400)):
        url = tab.url(f"/mein-profil/kontaktadresse-bestaetigen/{token_in_link}/")
        response = tab.page.goto(url)
        assert response is not None and response.status == status
        assert_page_is_accessible(tab, url, expected_errors=status != 200)


def test_the_csrf_failure_page_is_accessible(open_page, reference_data):
    """A form sent without its security code (cookies cleared) gets the German 403 page."""
    tab = open_page()
    url = tab.url("/mitglied-werden/")
    tab.page.goto(url)
    tab.page.context.clear_cookies()
    with tab.page.expect_navigation():
        # submit() skips the browser's own checks of required fields.
        tab.page.evaluate("document.querySelector('main form[method=post]').submit()")
    assert "nicht gesendet" in tab.page.locator("h1").inner_text()
    assert_page_is_accessible(tab, url, expected_errors=True)


@pytest.fixture
def registration_pages(reference_data):
    """An event with open registration (and its signed links), a full one, a closed one."""
    import datetime as dt

    from anmeldungen import links
    from tests.anmeldungen.registration_data import (
        event_with_registration,
        move_event,
        registration,
    )

    salon = event_with_registration(
        capacity=12,
        ask_dietary_needs=True,
        ask_accessibility_needs=True,
        question_1="Worüber möchten Sie sprechen?",
    )
    full = event_with_registration(capacity=1)
    registration(full, name="Frieda Full")
    closed = event_with_registration(is_open=False)
    booked = registration(salon, name="Rita Register")
    past = event_with_registration()
    participant = registration(past, name="Paula Past")
    move_event(past, starts_in=-dt.timedelta(days=1))
    return {
        "open": salon.get_absolute_url(),
        "full": full.get_absolute_url(),
        "closed": closed.get_absolute_url(),
        "form-page": f"/veranstaltungen/{salon.slug}/anmeldung/",
        "cancel": links.cancel_url(booked, absolute=False),
        "feedback": links.feedback_url(participant, absolute=False),
        "broken-link": "/veranstaltungen/anmeldung/abmelden/kaputt/",
    }


@pytest.mark.parametrize("language", ["", "/en"])
@pytest.mark.parametrize(
    "name", ["open", "full", "closed", "form-page", "cancel", "feedback", "broken-link"]
)
def test_registration_pages_are_accessible(open_page, registration_pages, name, language):
    """The event page with the registration form in each state, and the pages the mails'
    links open."""
    tab = open_page()
    path = registration_pages[name]
    if language and path.startswith("/en/"):
        path = path[3:]
    url = tab.url(language + path)
    response = tab.page.goto(url)
    assert response is not None
    assert response.status == (400 if name == "broken-link" else 200), url
    assert_page_is_accessible(tab, url, expected_errors=name == "broken-link")


def test_the_registration_form_with_errors_is_accessible(open_page, registration_pages):
    tab = open_page()
    url = tab.url(registration_pages["form-page"])
    tab.page.goto(url)
    tab.page.get_by_role("button", name="Anmelden").or_(
        tab.page.get_by_role("button", name="Register")
    ).click()
    tab.page.locator("#form-errors").wait_for()
    assert_page_is_accessible(tab, url)


def test_an_embedded_widget_and_its_staff_page_are_accessible(
    open_page, open_page_as, profile, staff_chemnitz
):
    """The widget page other websites frame, under its own CSP, and the staff page with its
    snippet, copy button and preview (which frames the widget from our own origin)."""
    from einbetten.models import Widget

    widget = Widget.objects.create(
        association=staff_chemnitz.association,
        title="Unsere Mitglieder",
        allowed_origins="https://www.example.org",
    )
    tab = open_page(bypass_csp=False)
    url = tab.url(widget.get_widget_url())
    response = tab.page.goto(url)
    assert response is not None and response.status == 200
    assert (
        "frame-ancestors 'self' https://www.example.org"
        in response.headers["content-security-policy"]
    )
    assert PROFILE_NAME in tab.page.locator("main").inner_text()
    assert_page_is_accessible(tab, url)

    staff_tab = open_page_as(staff_chemnitz, bypass_csp=False)
    url = staff_tab.url(widget.get_absolute_url())
    response = staff_tab.page.goto(url)
    assert response is not None and response.status == 200
    preview = staff_tab.page.frame_locator("iframe.embed-preview")
    assert PROFILE_NAME in preview.locator("main").inner_text()
    staff_tab.page.locator("[data-copy-snippet]").wait_for(state="visible")
    assert_page_is_accessible(staff_tab, url)


def test_the_membership_form_with_its_duplicate_notice_is_accessible(open_page, profile):
    """An applicant whose name resembles a listed profile sees the notice (a new state of
    /mitglied-werden/) and the "send anyway" button."""
    tab = open_page()
    url = tab.url("/mitglied-werden/")
    page = tab.page
    page.goto(url)
    page.fill("#id_name", PROFILE_NAME)
    page.fill("#id_contact_name", "Lia Licht")
    page.fill("#id_email", "lia@example.org")
    page.select_option("#id_municipality", label="Chemnitz")
    page.locator("input[name=disciplines]").first.check()
    with page.expect_navigation():
        page.click("main form[method=post] button[type=submit]")
    assert page.locator("#duplicate-notice").is_visible()
    assert page.locator(f"#duplicate-notice a:has-text('{PROFILE_NAME}')").count() == 1
    assert page.locator("button[name=trotzdem_senden]").count() == 1
    assert_page_is_accessible(tab, url)
