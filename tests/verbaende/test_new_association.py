"""Associations are data: a new regional association is an admin task, not a code change.

In May 2020 Kreative Lausitz joined the Landesverband as a fourth regional association, with
the districts of Bautzen and Görlitz, until then looked after by Dresden. A superuser creates
the association, Landesverband staff move the two districts, and it gets a staff member.
Everything follows: navigation, directory, its page, feeds, calendars, staff scoping and
where membership requests go. The page cache is on, so cached pages must follow as well.
"""

import feedparser
import pytest
from django.core import mail
from django.test import Client
from icalendar import Calendar

from konten.models import User
from mitglieder.models import MembershipRequest
from teilmaerkte.models import Discipline
from tests.aktuelles.news_data import article, success
from tests.factories import make_profile
from tests.veranstaltungen.factories import EventFactory
from verbaende.models import Association, District, Municipality
from verbaende.roles import make_staff

LAUSITZ = "/verbaende/lausitz/"


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def visitor_pages():
    """Pages rendered before the change: they fill the page cache and the vocabulary."""
    visitor = Client()
    for url in ["/", "/mitglieder/", "/verbaende/dresden/", "/aktuelles/"]:
        assert visitor.get(url).status_code == 200
    return visitor


def create_lausitz(superuser):
    response = logged_in(superuser).post(
        "/admin/verbaende/association/add/",
        {
            "slug": "lausitz",
            "kind": Association.Kind.REGIONAL,
            "name": "Kreative Lausitz e.V.",
            "short_name": "Kreative Lausitz",
            "founded_on": "",
            "founded_year": "2020",
            "founding_note": "",
            "seat": "Görlitz",
            "catchment": "Landkreise Bautzen und Görlitz",
            "website": "",
            "email": "",
            "tagline": "Vernetzt die Kreativen der Lausitz.",
            "tagline_en": "",
            "description": "Seit Mai 2020 Branchenverband im Landesverband.",
            "description_en": "",
            "position": "4",
            "districts-TOTAL_FORMS": "0",
            "districts-INITIAL_FORMS": "0",
            "links-TOTAL_FORMS": "0",
            "links-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    return Association.objects.get(slug="lausitz")


def move_district(staff, name, association):
    district = District.objects.get(name=name)
    response = logged_in(staff).post(
        f"/admin/verbaende/district/{district.pk}/change/",
        {
            "name": district.name,
            "slug": district.slug,
            "kind": district.kind,
            "association": association.pk,
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors


@pytest.fixture
def visitor(reference_data):
    return visitor_pages()


@pytest.fixture
def lausitz(visitor, superuser, staff_landesverband):
    """The admin task, done as staff would do it."""
    association = create_lausitz(superuser)
    for district in ["Bautzen", "Görlitz"]:
        move_district(staff_landesverband, district, association)
    return association


@pytest.fixture
def staff_lausitz(lausitz):
    user = User.objects.create_user(
        email="staff-lausitz@example.org", password="correct-horse-battery-staple"
    )
    return make_staff(user, lausitz)


@pytest.fixture
def goerlitz_member(lausitz):
    """A member from Görlitz who joins after the move."""
    return make_profile("goerlitz", name="Neißewerk Görlitz")


def test_the_navigation_and_footer_name_the_new_association(visitor, lausitz):
    html = visitor.get("/aktuelles/").content.decode()

    header, footer = html.split('<footer class="site-footer">')
    assert f'href="{LAUSITZ}"' in header
    assert f'href="{LAUSITZ}">Kreative Lausitz</a>' in footer


def test_the_home_page_introduces_four_regional_associations(visitor, lausitz):
    response = visitor.get("/")

    html = response.content.decode()
    # German once the new sentence is translated, the English source until then.
    assert "von 4 Branchenverbänden" in html or "formed by 4 regional associations" in html
    assert f'<a href="{LAUSITZ}">Kreative Lausitz</a>' in html


def test_its_page_shows_its_districts_and_members(visitor, lausitz, goerlitz_member):
    html = visitor.get(LAUSITZ).content.decode()

    assert "Kreative Lausitz e.V." in html
    assert "Bautzen" in html and "Görlitz" in html
    assert "Neißewerk Görlitz" in html
    dresden = visitor.get("/verbaende/dresden/").content.decode()
    assert "Bautzen" not in dresden
    assert "Neißewerk Görlitz" not in dresden


def test_the_directory_offers_it_as_a_facet(visitor, lausitz, goerlitz_member):
    make_profile("dresden", name="Elbstudio Dresden")

    html = visitor.get("/mitglieder/").content.decode()
    assert '<option value="lausitz">Kreative Lausitz (1)</option>' in html
    assert '<option value="dresden">Wir gestalten Dresden (1)</option>' in html

    filtered = visitor.get("/mitglieder/?verband=lausitz").content.decode()
    assert "Neißewerk Görlitz" in filtered
    assert "Elbstudio Dresden" not in filtered


def test_its_staff_see_the_members_of_its_districts_and_dresden_no_longer(
    lausitz, staff_lausitz, staff_dresden, goerlitz_member
):
    dresden_member = make_profile("dresden", name="Elbstudio Dresden")
    change = "/admin/mitglieder/profile/{}/change/"

    lausitz_list = logged_in(staff_lausitz).get("/admin/mitglieder/profile/").content.decode()
    assert change.format(goerlitz_member.pk) in lausitz_list
    assert change.format(dresden_member.pk) not in lausitz_list
    assert logged_in(staff_lausitz).get(change.format(dresden_member.pk)).status_code == 404

    dresden = logged_in(staff_dresden)
    dresden_list = dresden.get("/admin/mitglieder/profile/").content.decode()
    assert change.format(goerlitz_member.pk) not in dresden_list
    assert dresden.get(change.format(goerlitz_member.pk)).status_code == 404


def test_its_staff_write_news_and_events_under_its_name(lausitz, staff_lausitz):
    staff = logged_in(staff_lausitz)
    for url in ["/admin/aktuelles/newsitem/add/", "/admin/veranstaltungen/event/add/"]:
        form = staff.get(url).context["adminform"].form

        assert list(form.fields["association"].queryset) == [lausitz]
        assert form.initial["association"] == lausitz.pk


def entry_titles(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return [entry.title for entry in feedparser.parse(response.content).entries]


def test_its_news_feed_carries_its_articles_and_its_members_successes(
    visitor, lausitz, goerlitz_member
):
    article("lausitz", title="Kreativstammtisch in Zittau")
    article("dresden", title="Neues aus Dresden")
    success(goerlitz_member, title="Lausitzer Designpreis")

    feed = entry_titles(visitor, "/aktuelles/feeds/verband/lausitz.rss")
    assert sorted(feed) == [
        "Kreativstammtisch in Zittau",
        "Neißewerk Görlitz: Lausitzer Designpreis",
    ]
    assert entry_titles(visitor, "/aktuelles/feeds/verband/dresden.atom") == ["Neues aus Dresden"]
    # The Landesverband speaks for every member, Lausitz's included.
    state = entry_titles(visitor, "/aktuelles/feeds/verband/landesverband.rss")
    assert state == ["Neißewerk Görlitz: Lausitzer Designpreis"]


def test_its_events_have_their_own_calendar(visitor, lausitz, dresden):
    EventFactory(title="Werkstatt in Bautzen", association=lausitz)
    EventFactory(title="Salon in Dresden", association=dresden)

    def summaries(slug):
        response = visitor.get(f"/veranstaltungen/kalender/{slug}.ics")
        assert response.status_code == 200
        return [
            str(event["SUMMARY"]) for event in Calendar.from_ical(response.content).walk("VEVENT")
        ]

    assert summaries("lausitz") == ["Werkstatt in Bautzen"]
    assert summaries("dresden") == ["Salon in Dresden"]


def test_a_request_from_goerlitz_goes_to_lausitz_and_its_staff(
    lausitz, staff_lausitz, staff_dresden, django_capture_on_commit_callbacks
):
    data = {
        "name": "Töpferei an der Neiße",
        "kind": "company",
        "contact_name": "Gerda Görlitz",
        "email": "gerda@example.org",
        "municipality": Municipality.objects.get(slug="goerlitz").pk,
        "disciplines": [Discipline.objects.get(slug="kommunikationsdesign").pk],
        "message": "",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post("/mitglied-werden/", data)

    assert response.status_code == 302
    assert MembershipRequest.objects.get().association == lausitz
    assert [message.to for message in mail.outbox] == [["staff-lausitz@example.org"]]
    queue = logged_in(staff_lausitz).get("/admin/moderation/moderationqueue/")
    assert "Töpferei an der Neiße" in queue.content.decode()
