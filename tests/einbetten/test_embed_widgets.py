"""Embeds: the widget page other websites frame (headers, cookies, content) and the staff
pages that hand out its snippet (permission ladder, scoping)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from einbetten.models import Widget
from einbetten.origins import parse_origin, parse_origins
from teilmaerkte.models import Submarket
from tests.aktuelles.news_data import article
from tests.factories import make_profile
from tests.veranstaltungen.factories import EventFactory

pytestmark = pytest.mark.django_db


def widget_of(association, **fields):
    fields.setdefault("title", "Unsere Mitglieder")
    widget = Widget(association=association, **fields)
    widget.full_clean()
    widget.save()
    return widget


@pytest.fixture
def chemnitz_widget(chemnitz):
    return widget_of(chemnitz, allowed_origins="https://www.kreatives-chemnitz.de")


# The embedded page ------------------------------------------------------------------


def test_the_widget_may_be_framed_only_by_its_origins(client, chemnitz_widget):
    response = client.get(chemnitz_widget.get_widget_url())

    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    ancestors = next(p for p in policy.split(";") if "frame-ancestors" in p).split()
    assert ancestors == ["frame-ancestors", "'self'", "https://www.kreatives-chemnitz.de"]
    assert "X-Frame-Options" not in response.headers
    # The rest of the site's policy still holds: no inline scripts or styles.
    assert "script-src 'self'" in policy and "style-src 'self'" in policy


def test_the_rest_of_the_site_still_refuses_to_be_framed(client, reference_data):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


@pytest.mark.parametrize("who", ["anonymous", "member", "staff"])
def test_the_widget_sets_no_cookie(client_for, chemnitz_widget, owner, staff_chemnitz, who):
    user = {"anonymous": None, "member": owner, "staff": staff_chemnitz}[who]
    client = client_for(user)
    client.cookies["django_language"] = "en"

    response = client.get(chemnitz_widget.get_widget_url())

    assert response.status_code == 200
    assert not response.cookies
    assert "Set-Cookie" not in response.headers
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert response.headers.get("Content-Language", "de") == "de"


def test_the_widget_is_cacheable(client, chemnitz_widget):
    response = client.get(chemnitz_widget.get_widget_url())

    assert "public" in response["Cache-Control"]
    assert "max-age=300" in response["Cache-Control"]
    assert "Cookie" not in response.get("Vary", "")


def test_the_widget_is_self_contained(client, chemnitz_widget):
    page = client.get(chemnitz_widget.get_widget_url()).content.decode()

    assert "<script" not in page
    assert "<form" not in page
    assert "/static/css/widget.css" in page
    assert 'lang="de"' in page


def test_a_members_widget_lists_the_newest_members_of_its_association(client, chemnitz):
    for number in range(4):
        make_profile("chemnitz", name=f"Chemnitzer Atelier {number}")
    make_profile("leipzig", name="Leipziger Studio")
    widget = widget_of(chemnitz, item_count=3)

    page = client.get(widget.get_widget_url()).content.decode()

    assert page.count('class="widget__link"') == 3
    assert "Chemnitzer Atelier 3" in page
    assert "Chemnitzer Atelier 0" not in page  # the oldest, beyond three
    assert "Leipziger Studio" not in page
    assert 'href="http://testserver/mitglieder/chemnitzer-atelier-3/"' in page
    assert 'target="_blank" rel="noopener"' in page
    assert 'href="http://testserver/mitglieder/?verband=chemnitz"' in page


def test_a_submarket_widget(client, chemnitz):
    make_profile("chemnitz", name="Designbüro Chemnitz")
    widget = widget_of(
        chemnitz,
        kind=Widget.Kind.SUBMARKET,
        submarket=Submarket.objects.get(slug="architekturmarkt"),
    )

    page = client.get(widget.get_widget_url()).content.decode()

    assert "Designbüro Chemnitz" not in page
    assert str(_("Nothing to show at the moment.")) in page
    assert "teilmarkt=architekturmarkt" in page


def test_an_events_widget(client, chemnitz):
    EventFactory(title="Kreativstammtisch Chemnitz")
    widget = widget_of(chemnitz, kind=Widget.Kind.EVENTS)

    page = client.get(widget.get_widget_url()).content.decode()

    assert "Kreativstammtisch Chemnitz" in page
    assert "/veranstaltungen/?verband=chemnitz" in page


def test_a_news_widget(client, chemnitz):
    article("chemnitz", title="Chemnitzer Meldung")
    article("leipzig", title="Leipziger Meldung")
    widget = widget_of(chemnitz, kind=Widget.Kind.NEWS)

    page = client.get(widget.get_widget_url()).content.decode()

    assert "Chemnitzer Meldung" in page
    assert "Leipziger Meldung" not in page


def test_an_unknown_widget_is_404(client, db):
    assert client.get("/einbetten/w/gibt-es-nicht/").status_code == 404


def test_the_widget_only_answers_reads(client, chemnitz_widget):
    assert client.post(chemnitz_widget.get_widget_url()).status_code == 405


# Allowed origins --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "origin"),
    [
        ("https://www.example.org", "https://www.example.org"),
        ("https://WWW.Example.org/", "https://www.example.org"),
        ("https://example.org:8443", "https://example.org:8443"),
        ("https://example.org:443", "https://example.org"),
        ("  https://xn--mnchen-3ya.de  ", "https://xn--mnchen-3ya.de"),
    ],
)
def test_an_https_origin_is_accepted(typed, origin):
    assert parse_origin(typed) == origin


@pytest.mark.parametrize(
    "typed",
    [
        "http://www.example.org",
        "www.example.org",
        "https://www.example.org/seite",
        "https://*.example.org",
        "https://example.org?x=1",
        "https://user@example.org",
        "https://example.org 'unsafe-inline'",
        "https://example.org;script-src *",
        "https://",
        "javascript:alert(1)",
        "https://example.org:99999",
        "*",
    ],
)
def test_anything_else_is_refused(typed):
    with pytest.raises(ValidationError):
        parse_origin(typed)


def test_too_many_origins_are_refused():
    with pytest.raises(ValidationError):
        parse_origins("\n".join(f"https://site{n}.example.org" for n in range(11)))


def test_a_bad_origin_is_a_form_error_in_german(chemnitz):
    widget = Widget(association=chemnitz, title="Test", allowed_origins="http://example.org")

    with pytest.raises(ValidationError) as error:
        widget.full_clean()

    assert "allowed_origins" in error.value.message_dict
    assert "https://" in error.value.message_dict["allowed_origins"][0]


def test_the_origins_default_to_the_associations_website(chemnitz):
    chemnitz.website = "https://www.kreatives-chemnitz.de/ueber-uns/"
    chemnitz.save()

    widget = widget_of(chemnitz)

    assert widget.origins() == ["https://www.kreatives-chemnitz.de"]


def test_a_submarket_widget_needs_its_submarket(chemnitz):
    with pytest.raises(ValidationError) as error:
        widget_of(chemnitz, kind=Widget.Kind.SUBMARKET)
    assert "submarket" in error.value.message_dict


# Staff pages ------------------------------------------------------------------------

LADDER = {
    "anonymous": 302,
    "member": 403,
    "dresden": 404,
    "chemnitz": 200,
    "landesverband": 200,
    "superuser": 200,
}


@pytest.mark.parametrize(("role", "status"), LADDER.items())
def test_the_snippet_page_answers_each_role(client_for, roles, chemnitz_widget, role, status):
    response = client_for(roles[role]).get(chemnitz_widget.get_absolute_url())

    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith("/konto/anmelden/?next=/einbetten/")


@pytest.mark.parametrize(
    ("role", "status", "sees_widget"),
    [
        ("anonymous", 302, False),
        ("member", 403, False),
        ("dresden", 200, False),
        ("chemnitz", 200, True),
        ("landesverband", 200, True),
    ],
)
def test_the_index_lists_only_the_own_associations_widgets(
    client_for, roles, chemnitz_widget, role, status, sees_widget
):
    response = client_for(roles[role]).get("/einbetten/")

    assert response.status_code == status
    assert (chemnitz_widget.get_absolute_url() in response.content.decode()) is sees_widget


def test_staff_without_a_role_get_403(client_for, chemnitz_widget):
    from tests.factories import UserFactory

    loose = UserFactory(is_staff=True)
    assert client_for(loose).get("/einbetten/").status_code == 403


def test_the_snippet_page_offers_a_copyable_snippet_and_a_preview(
    client_for, staff_chemnitz, chemnitz
):
    widget = widget_of(
        chemnitz, title='Mitglieder "<b>" & Co', allowed_origins="https://example.org"
    )

    page = client_for(staff_chemnitz).get(widget.get_absolute_url()).content.decode()

    assert '<textarea id="snippet" class="embed-snippet" rows="4" readonly>' in page
    # The snippet is shown as text: its HTML escaped once, the title inside it twice.
    assert "&lt;iframe src=&quot;http://testserver/einbetten/w/" in page
    assert "&amp;quot;&amp;lt;b&amp;gt;&amp;quot; &amp;amp; Co" in page
    assert "<b>" not in page
    assert f'<iframe class="embed-preview" src="{widget.get_widget_url()}"' in page
    assert "/static/js/copy-snippet.js" in page
    assert 'data-copy-snippet="snippet" hidden' in page
    assert "<code>https://example.org</code>" in page
