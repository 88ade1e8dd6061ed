"""Instant alerts and weekly digests: what matches, one mail per subscriber, idempotence,
the unsubscribe headers, and the purge of unconfirmed subscriptions."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from benachrichtigungen.models import Subscriber, Subscription
from benachrichtigungen.sending import run_instant, run_weekly
from benachrichtigungen.services import purge_unconfirmed
from mitglieder.models import Profile
from raeume.models import Listing
from teilmaerkte.models import Submarket
from tests.aktuelles.news_data import article, success
from tests.benachrichtigungen.alert_data import alert_mails, call, space, subscribe
from tests.factories import ProfileFactory, discipline, place
from tests.veranstaltungen.factories import EventFactory

Kind = Subscription.Kind
WEEKLY = Subscription.Frequency.WEEKLY


def titles(mail):
    return {line[2:].split(" (")[0] for line in mail.body.splitlines() if line.startswith("* ")}


def photographer(slug, name, **fields):
    return ProfileFactory(
        name=name, municipality=place(slug), disciplines=[discipline("fotografie")], **fields
    )


@pytest.fixture
def members_alert(reference_data):
    return subscribe(criteria={"query": "disziplin=fotografie&kreis=leipzig"})


def test_a_members_alert_reports_new_profiles_in_its_filter_state(members_alert):
    photographer("leipzig", "Licht Leipzig")
    photographer("chemnitz", "Licht Chemnitz")
    ProfileFactory(name="Design Leipzig", municipality=place("leipzig"))
    photographer("leipzig", "Entwurf Leipzig", status=Profile.Status.DRAFT)
    earlier = photographer("leipzig", "Alt Leipzig")
    Profile.objects.filter(pk=earlier.pk).update(
        published_at=timezone.now() - datetime.timedelta(days=2)
    )

    result = run_instant()

    assert result.mails == 1
    [mail] = alert_mails()
    assert titles(mail) == {"Licht Leipzig"}
    assert mail.to == ["leser@example.org"]


def test_a_members_alert_with_a_search_uses_the_directory_search(reference_data):
    subscribe(criteria={"query": "q=Porträt"})
    ProfileFactory(name="Porträtstudio Nord", tagline="Porträts für Bewerbungen.")
    ProfileFactory(name="Möbelbau Süd", tagline="Tische und Stühle.")
    run_instant()
    [mail] = alert_mails()
    assert titles(mail) == {"Porträtstudio Nord"}


def test_an_instant_run_twice_sends_once(members_alert):
    photographer("leipzig", "Licht Leipzig")
    assert run_instant().mails == 1
    assert run_instant().mails == 0
    photographer("leipzig", "Neu Leipzig")
    assert run_instant().mails == 1
    assert titles(alert_mails()[-1]) == {"Neu Leipzig"}


def test_unconfirmed_subscriptions_receive_nothing(reference_data):
    subscribe(criteria={}, confirmed=False)
    ProfileFactory()
    assert run_instant().mails == 0
    assert alert_mails() == []


def test_every_alert_mail_has_one_click_unsubscribe_headers(members_alert, client):
    photographer("leipzig", "Licht Leipzig")
    run_instant()
    [mail] = alert_mails()
    header = mail.headers["List-Unsubscribe"]
    assert header.startswith("<https://") or header.startswith("<http://")
    assert "/benachrichtigungen/abmelden/" in header
    assert mail.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/benachrichtigungen/verwalten/" in mail.body
    # Plain links, no tracking: every address in the mail is one of ours, without a query.
    path = header[header.index("/benachrichtigungen/") : -1]
    response = client.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert not Subscription.objects.exists()


def test_the_headers_reach_the_sent_message(
    members_alert, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        photographer("leipzig", "Licht Leipzig")
        run_instant()
    [message] = [m for m in mailoutbox if m.to == ["leser@example.org"]]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "<img" not in message.body


def test_news_alerts_follow_association_submarket_and_success_reports(reference_data):
    design = Submarket.objects.get(slug="designwirtschaft")
    music = Submarket.objects.get(slug="musikwirtschaft")
    subscribe("chemnitz@example.org", Kind.NEWS, {"verband": "chemnitz", "erfolge": True})
    subscribe("design@example.org", Kind.NEWS, {"teilmarkt": "designwirtschaft", "erfolge": False})
    subscribe("alle@example.org", Kind.NEWS, {"verband": "landesverband", "erfolge": True})
    article("chemnitz", days_ago=0, title="Chemnitz Musik", submarkets=[music])
    article("dresden", days_ago=0, title="Dresden Design", submarkets=[design])
    article("chemnitz", days_ago=2, title="Chemnitz alt")
    success(ProfileFactory(name="Atelier C"), days_ago=0, title="Preis Chemnitz")

    run_instant()

    mails = {mail.to[0]: titles(mail) for mail in alert_mails()}
    assert mails == {
        "chemnitz@example.org": {"Chemnitz Musik", "Preis Chemnitz"},
        "design@example.org": {"Dresden Design"},
        "alle@example.org": {"Preis Chemnitz"},
    }


def test_event_alerts_follow_association_and_kind(reference_data):
    subscribe("workshops@example.org", Kind.EVENTS, {"verband": None, "art": "workshop"})
    subscribe("dresden@example.org", Kind.EVENTS, {"verband": "dresden", "art": None})
    EventFactory(title="Workshop Chemnitz")
    EventFactory(title="Netzwerk Chemnitz", kind="networking")
    EventFactory(title="Entwurf", status="draft")

    run_instant()

    assert {mail.to[0]: titles(mail) for mail in alert_mails()} == {
        "workshops@example.org": {"Workshop Chemnitz"}
    }


def test_space_alerts_follow_type_kind_districts_price_and_size(reference_data):
    subscribe(
        "ateliers@example.org",
        Kind.SPACES,
        {
            "typ": "offer",
            "raumart": "studio",
            "kreise": ["leipzig"],
            "preis_max": "400",
            "flaeche_min": 30,
        },
    )
    subscribe("gesuche@example.org", Kind.SPACES, {"typ": "request", "kreise": []})
    space("leipzig", title="Passt")
    space("leipzig", title="Gratis", price=None, price_unit=Listing.PriceUnit.FREE)
    space("leipzig", title="Zu teuer", price=900)
    space("leipzig", title="Zu klein", size=12)
    space("leipzig", title="Tagesmiete", price=20, price_unit=Listing.PriceUnit.DAY)
    space("chemnitz", title="Anderswo")
    space("leipzig", title="Büro", space_kind=Listing.SpaceKind.OFFICE)
    space("dresden", title="Suche Atelier", listing_type=Listing.ListingType.REQUEST)
    taken = space("leipzig", title="Vergeben")
    Listing.objects.filter(pk=taken.pk).update(taken_at=timezone.now())
    pending = space("leipzig", title="In Prüfung")
    Listing.objects.filter(pk=pending.pk).update(status=Listing.Status.PENDING)

    run_instant()

    assert {mail.to[0]: titles(mail) for mail in alert_mails()} == {
        "ateliers@example.org": {"Passt", "Gratis"},
        "gesuche@example.org": {"Suche Atelier"},
    }


def test_call_alerts_follow_submarkets(reference_data):
    profile = ProfileFactory()
    subscribe("musik@example.org", Kind.CALLS, {"teilmaerkte": ["musikwirtschaft"]})
    subscribe("alles@example.org", Kind.CALLS, {"teilmaerkte": []})
    call(profile, ["designwirtschaft"], title="Design gesucht")
    call(profile, ["musikwirtschaft", "designwirtschaft"], title="Band gesucht")

    run_instant()

    assert {mail.to[0]: titles(mail) for mail in alert_mails()} == {
        "musik@example.org": {"Band gesucht"},
        "alles@example.org": {"Design gesucht", "Band gesucht"},
    }


def test_a_weekly_digest_combines_all_alerts_of_an_address_in_one_mail(reference_data):
    first = subscribe(criteria={"query": "kreis=leipzig"}, frequency=WEEKLY)
    subscribe(kind=Kind.CALLS, criteria={}, frequency=WEEKLY)
    subscribe(kind=Kind.NEWS, criteria={}, frequency=WEEKLY)
    instant = subscribe(kind=Kind.EVENTS, criteria={})
    profile = photographer("leipzig", "Licht Leipzig")
    call(profile, title="Partner gesucht")
    article("dresden", days_ago=0, title="Neues aus Dresden")
    EventFactory(title="Sofort")

    result = run_weekly()

    assert result.mails == 1
    [digest] = alert_mails()
    assert digest.kind == "benachrichtigungen/digest"
    assert titles(digest) == {"Licht Leipzig", "Partner gesucht", "Neues aus Dresden"}
    # The digest's one click ends the weekly alerts it reports, not the instant one.
    subscriber = Subscriber.objects.get()
    assert subscriber.next_digest_at > timezone.now() + datetime.timedelta(days=6)
    instant.refresh_from_db()
    first.refresh_from_db()
    assert instant.sent_until < first.sent_until


def test_a_weekly_run_twice_in_a_week_sends_no_second_digest(reference_data):
    subscribe(criteria={}, frequency=WEEKLY)
    photographer("leipzig", "Licht Leipzig")
    assert run_weekly().mails == 1
    photographer("leipzig", "Noch eins")
    assert run_weekly().mails == 0
    # A week later the new profile comes in the next digest.
    assert run_weekly(now=timezone.now() + datetime.timedelta(days=7)).mails == 1
    assert titles(alert_mails()[-1]) == {"Noch eins"}


def test_a_digest_is_sent_in_the_subscribers_language(reference_data):
    subscribe(criteria={}, frequency=WEEKLY, language="en")
    photographer("leipzig", "Licht Leipzig")
    run_weekly()
    [digest] = alert_mails()
    assert digest.subject == "Your weekly alerts from Kreativ Sachsen"


def test_the_weekly_digest_needs_a_constant_number_of_queries(
    reference_data, django_assert_max_num_queries
):
    for n in range(30):
        subscribe(
            f"leser{n}@example.org",
            criteria={"query": f"kreis={'leipzig' if n % 2 else 'chemnitz'}"},
            frequency=WEEKLY,
        )
        subscribe(f"leser{n}@example.org", Kind.CALLS, {}, frequency=WEEKLY)
    profile = photographer("leipzig", "Licht Leipzig")
    photographer("chemnitz", "Licht Chemnitz")
    call(profile)
    # Per kind one load (calls: two, with their submarkets), per distinct filter state of
    # the members alerts one query (here two), one insert for all mails; the vocabulary
    # is loaded once per process. Not one query per subscriber.
    with django_assert_max_num_queries(16):
        result = run_weekly()
    assert result.mails == 30


def test_unconfirmed_subscriptions_are_deleted_after_seven_days(reference_data):
    old = subscribe("alt@example.org", confirmed=False)
    Subscription.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=8)
    )
    Subscriber.objects.filter(pk=old.subscriber_id).update(
        created_at=timezone.now() - datetime.timedelta(days=8)
    )
    fresh = subscribe("neu@example.org", confirmed=False)
    confirmed = subscribe("bestaetigt@example.org")
    Subscription.objects.filter(pk=confirmed.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=30)
    )

    assert purge_unconfirmed() == 1

    assert set(Subscription.objects.all()) == {fresh, confirmed}
    assert not Subscriber.objects.filter(email="alt@example.org").exists()


def test_the_command_runs_instant_weekly_and_the_purge(members_alert, capsys):
    photographer("leipzig", "Licht Leipzig")
    call_command("send_alerts", "--instant")
    assert "instant: 1 mails" in capsys.readouterr().out
    call_command("send_alerts")
    assert "instant: 0 mails" in capsys.readouterr().out
