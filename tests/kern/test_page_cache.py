"""Anonymous visitors get pages from the cache; every change shows on the next request."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from aktuelles.models import NewsItem, SuccessReport
from kern.page_cache import _seconds_to_keep
from mitglieder.models import Profile, Visibility
from moderation import services
from tests.aktuelles.news_data import article, success
from tests.factories import ProfileFactory, UserFactory
from tests.profile_forms import edit_data
from tests.veranstaltungen.factories import EventFactory
from veranstaltungen.models import Event

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def staff(reference_data):
    return UserFactory(is_staff=True, is_superuser=True, email="staff@example.org")


def fetch(client, url):
    """The page twice: the first renders (miss), the second must come from the cache."""
    first = client.get(url)
    second = client.get(url)
    assert first["X-Page-Cache"] == "miss", url
    assert second["X-Page-Cache"] == "hit", url
    return second.content.decode()


def test_a_cached_page_needs_no_database(client, reference_data, django_assert_num_queries):
    profile = ProfileFactory(name="Studio Ruhe")
    client.get(profile.get_absolute_url())

    with django_assert_num_queries(0):
        response = client.get(profile.get_absolute_url())

    assert response["X-Page-Cache"] == "hit"
    assert "Studio Ruhe" in response.content.decode()


def test_publishing_a_profile_shows_it_at_once(
    client, reference_data, staff, django_capture_on_commit_callbacks
):
    profile = ProfileFactory(name="Neu im Verzeichnis", status=Profile.Status.IN_REVIEW)
    assert "Neu im Verzeichnis" not in fetch(client, "/mitglieder/")
    assert client.get(profile.get_absolute_url()).status_code == 404

    # Committed, as the staff member's request commits: the directory's counters follow
    # the reindex that runs after the commit (verzeichnis.counters).
    with django_capture_on_commit_callbacks(execute=True):
        services.approve(profile, staff)

    assert "Neu im Verzeichnis" in client.get("/mitglieder/").content.decode()
    assert client.get(profile.get_absolute_url()).status_code == 200


def test_a_members_edit_shows_at_once(client, owner, owned_profile):
    fetch(client, owned_profile.get_absolute_url())
    fetch(client, "/mitglieder/")
    member = Client()
    member.force_login(owner)

    saved = member.post(
        f"/mein-profil/{owned_profile.pk}/bearbeiten/",
        edit_data(owned_profile, tagline="Ganz neuer Satz über uns."),
    )
    assert saved.status_code == 302

    assert (
        "Ganz neuer Satz über uns." in client.get(owned_profile.get_absolute_url()).content.decode()
    )
    assert "Ganz neuer Satz über uns." in client.get("/mitglieder/").content.decode()


def test_hiding_a_profile_removes_it_at_once(client, owned_profile, staff):
    assert owned_profile.name in fetch(client, "/mitglieder/")
    fetch(client, owned_profile.get_absolute_url())

    services.hide(owned_profile, staff, "Beschwerde wird geprüft")

    assert client.get(owned_profile.get_absolute_url()).status_code == 404
    assert owned_profile.name not in client.get("/mitglieder/").content.decode()


def test_deleting_a_profile_removes_it_at_once(client, owned_profile):
    fetch(client, owned_profile.get_absolute_url())
    fetch(client, "/")

    owned_profile.delete()

    assert client.get(owned_profile.get_absolute_url()).status_code == 404
    assert owned_profile.name not in client.get("/").content.decode()


def test_news_publish_edit_and_delete_show_at_once(client, reference_data):
    item = article(title="Erste Fassung", status=NewsItem.Status.DRAFT)
    assert "Erste Fassung" not in fetch(client, "/aktuelles/")

    item.status = NewsItem.Status.PUBLISHED
    item.save()
    assert "Erste Fassung" in client.get("/aktuelles/").content.decode()
    fetch(client, item.get_absolute_url())

    item.title = "Zweite Fassung"
    item.save()
    assert "Zweite Fassung" in client.get(item.get_absolute_url()).content.decode()
    assert "Zweite Fassung" in client.get("/aktuelles/").content.decode()

    item.delete()
    assert client.get(item.get_absolute_url()).status_code == 404
    assert "Zweite Fassung" not in client.get("/aktuelles/").content.decode()


def test_an_approved_success_report_shows_at_once(client, owned_profile, staff):
    report = success(owned_profile, title="Preis der Jury", status=SuccessReport.Status.PENDING)
    assert "Preis der Jury" not in fetch(client, owned_profile.get_absolute_url())

    services.approve_report(report, staff)

    assert "Preis der Jury" in client.get(owned_profile.get_absolute_url()).content.decode()
    assert "Preis der Jury" in client.get("/aktuelles/").content.decode()


def test_event_publish_cancel_and_delete_show_at_once(client, reference_data):
    event = EventFactory(title="Netzwerkabend", status=Event.Status.DRAFT)
    assert "Netzwerkabend" not in fetch(client, "/veranstaltungen/")

    event.status = Event.Status.PUBLISHED
    event.save()
    assert "Netzwerkabend" in client.get("/veranstaltungen/").content.decode()
    fetch(client, event.get_absolute_url())

    event.is_cancelled = True
    event.save()
    assert "Abgesagt" in client.get(event.get_absolute_url()).content.decode()

    event.delete()
    assert client.get(event.get_absolute_url()).status_code == 404


def test_members_are_never_served_from_the_cache_nor_fill_it(client, owned_profile, other_member):
    owned_profile.phone = "+49 371 5550199"
    owned_profile.phone_visibility = Visibility.MEMBERS
    owned_profile.save()
    member = Client()
    member.force_login(other_member)

    for _attempt in range(2):
        response = member.get(owned_profile.get_absolute_url())
        assert "X-Page-Cache" not in response
        assert "5550199" in response.content.decode()
    # What the member saw was not stored for the public.
    assert "5550199" not in client.get(owned_profile.get_absolute_url()).content.decode()


def test_a_cached_contact_form_carries_the_visitors_own_csrf_token(owned_profile):
    visitor = Client(enforce_csrf_checks=True)
    Client().get(owned_profile.get_absolute_url())  # someone else filled the cache

    page = visitor.get(owned_profile.get_absolute_url())
    assert page["X-Page-Cache"] == "hit"
    token = page.content.decode().split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert "csrftoken" in page.cookies

    response = visitor.post(
        f"/mitglieder/{owned_profile.slug}/kontakt/",
        {
            "csrfmiddlewaretoken": token,
            "sender_name": "Bea Beispiel",
            "sender_email": "bea@example.net",
            "message": "Guten Tag, wir suchen ein Plakat für unser Sommerfest im Juli.",
        },
    )

    assert response.status_code == 302
    assert len(mail.outbox) == 1


def test_visitors_with_messages_see_them_rather_than_a_cached_page(client, owned_profile):
    fetch(client, owned_profile.get_absolute_url())
    client.post(
        f"/mitglieder/{owned_profile.slug}/kontakt/",
        {
            "sender_name": "Bea Beispiel",
            "sender_email": "bea@example.net",
            "message": "Guten Tag, wir suchen ein Plakat für unser Sommerfest im Juli.",
        },
    )

    response = client.get(owned_profile.get_absolute_url())

    assert "X-Page-Cache" not in response
    assert 'class="messages"' in response.content.decode()


def test_pages_are_kept_no_longer_than_until_the_next_scheduled_article(reference_data):
    article(title="Kommt gleich", days_ago=0)
    NewsItem.objects.update(publish_at=timezone.now() + datetime.timedelta(seconds=90))

    assert 0 < _seconds_to_keep() <= 90


def test_pages_are_kept_no_longer_than_until_the_next_event_ends(reference_data):
    soon = timezone.now() + datetime.timedelta(seconds=120)
    EventFactory(starts_at=soon - datetime.timedelta(hours=1), ends_at=soon)

    assert 0 < _seconds_to_keep() <= 120


def test_the_english_page_is_cached_apart_from_the_german_one(client, reference_data):
    fetch(client, "/")

    english = client.get("/en/")

    assert english["X-Page-Cache"] == "miss"
    assert '<html lang="en">' in english.content.decode()


def test_a_lists_parameters_key_its_pages_in_any_order(client, reference_data):
    ProfileFactory(name="Studio Quer", kind=Profile.Kind.PERSON, open_for_commissions=True)
    fetch(client, "/mitglieder/?art=person&auftraege=on")

    reordered = client.get("/mitglieder/?auftraege=on&utm_source=newsletter&art=person")
    other_kind = client.get("/mitglieder/?art=company&auftraege=on")
    next_page = client.get("/mitglieder/?art=person&auftraege=on&seite=2")

    assert reordered["X-Page-Cache"] == "hit"
    assert "Studio Quer" in reordered.content.decode()
    assert other_kind["X-Page-Cache"] == "miss"
    assert "Studio Quer" not in other_kind.content.decode()
    assert next_page["X-Page-Cache"] == "miss"


@pytest.mark.parametrize(
    ("url", "filtered"),
    [
        ("/aktuelles/", "/aktuelles/?verband=dresden"),
        ("/veranstaltungen/", "/veranstaltungen/?art=workshop"),
        ("/veranstaltungen/vergangene/", "/veranstaltungen/vergangene/?verband=dresden"),
        ("/verbaende/landesverband/", "/verbaende/landesverband/?art=person"),
        ("/teilmaerkte/designwirtschaft/", "/teilmaerkte/designwirtschaft/?art=person"),
    ],
)
def test_every_lists_filters_are_part_of_the_key(client, reference_data, url, filtered):
    fetch(client, f"{url}?utm_campaign=herbst")

    assert client.get(url)["X-Page-Cache"] == "hit"
    assert client.get(filtered)["X-Page-Cache"] == "miss"
