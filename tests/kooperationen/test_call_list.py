"""/kooperationen/: the public list of calls, its filters, counts, chips, sorting and paging."""

import pytest
from django.utils import translation

from kooperationen.models import Call
from tests.factories import place
from tests.kooperationen.call_data import days, make_call
from tests.list_notices import notices

LIST = "/kooperationen/"


def german(msgid):
    with translation.override("de"):
        return translation.gettext(msgid)


@pytest.fixture
def calls(owned_profile, leipzig_profile):
    """Chemnitz seeks design partners, Leipzig offers music, one call for all of Saxony."""
    return {
        "chemnitz": make_call(
            owned_profile, title="Gestalter für Festival gesucht", municipality="chemnitz"
        ),
        "leipzig": make_call(
            leipzig_profile,
            title="Bieten Tonstudio für Hörspiele",
            direction=Call.Direction.OFFERING,
            submarkets=("musikwirtschaft",),
            municipality="leipzig",
            deadline=days(10),
        ),
        "saxony": make_call(
            owned_profile, title="Partner in ganz Sachsen", deadline=days(3), municipality=None
        ),
    }


def titles(response):
    return [call.title for call in response.context["calls"]]


def option(options, value):
    return next(o for o in options if o.value == value)


def test_the_list_shows_every_open_call_newest_first(client, calls):
    response = client.get(LIST)
    assert response.status_code == 200
    assert titles(response) == [
        "Partner in ganz Sachsen",
        "Bieten Tonstudio für Hörspiele",
        "Gestalter für Festival gesucht",
    ]
    assert response.context["total"] == 3


def test_closed_hidden_expired_and_overdue_calls_are_not_listed(client, owned_profile, calls):
    make_call(owned_profile, title="Geschlossen", status=Call.Status.CLOSED)
    make_call(owned_profile, title="Versteckt", status=Call.Status.HIDDEN)
    make_call(owned_profile, title="Abgelaufen", expires_on=days(-1))
    make_call(owned_profile, title="Frist vorbei", deadline=days(-1), expires_on=days(5))
    html = client.get(LIST).content.decode()
    for title in ("Geschlossen", "Versteckt", "Abgelaufen", "Frist vorbei"):
        assert title not in html


def test_calls_of_unpublished_profiles_are_not_listed(client, owned_profile, calls):
    owned_profile.status = "hidden"
    owned_profile.save()
    assert titles(client.get(LIST)) == ["Bieten Tonstudio für Hörspiele"]


def test_the_direction_filter_counts_and_filters(client, calls):
    response = client.get(LIST)
    options = response.context["direction_options"]
    assert option(options, "suchen").count == 2
    assert option(options, "bieten").count == 1
    response = client.get(LIST + "?art=bieten")
    assert titles(response) == ["Bieten Tonstudio für Hörspiele"]


def test_the_submarket_filter_uses_the_slug_and_counts_under_the_other_filters(client, calls):
    response = client.get(LIST + "?art=suchen")
    options = response.context["submarket_options"]
    assert option(options, "designwirtschaft").count == 2
    assert option(options, "musikwirtschaft").count == 0
    response = client.get(LIST + "?teilmarkt=musikwirtschaft")
    assert titles(response) == ["Bieten Tonstudio für Hörspiele"]


def test_calls_for_all_of_saxony_appear_under_every_district_and_place(client, calls):
    leipzig_district = place("leipzig").district
    response = client.get(LIST + f"?kreis={leipzig_district.slug}")
    assert sorted(titles(response)) == ["Bieten Tonstudio für Hörspiele", "Partner in ganz Sachsen"]
    assert option(response.context["district_options"], leipzig_district.slug).count == 2
    response = client.get(LIST + "?ort=chemnitz")
    assert sorted(titles(response)) == ["Gestalter für Festival gesucht", "Partner in ganz Sachsen"]
    places = response.context["place_options"]
    assert option(places, "chemnitz").count == 2
    # A district without calls of its own still has those for all of Saxony.
    goerlitz = place("goerlitz").district.slug
    assert option(response.context["district_options"], goerlitz).count == 1


def test_sorting_by_deadline_puts_the_soonest_first_and_open_ended_last(client, calls):
    response = client.get(LIST + "?sortierung=frist")
    assert titles(response) == [
        "Partner in ganz Sachsen",
        "Bieten Tonstudio für Hörspiele",
        "Gestalter für Festival gesucht",
    ]


def test_active_filters_are_chips_that_remove_themselves(client, calls):
    response = client.get(LIST + "?art=suchen&teilmarkt=designwirtschaft&sortierung=frist")
    chips = response.context["chips"]
    assert len(chips) == 2  # the sort order is no filter
    removers = {chip.remove_url for chip in chips}
    assert "?teilmarkt=designwirtschaft&sortierung=frist" in removers
    assert "?art=suchen&sortierung=frist" in removers


@pytest.mark.parametrize(
    "query",
    [
        "art=irgendwas",
        "teilmarkt=gibt-es-nicht",
        "kreis=%00",
        "ort=" + "x" * 500,
        "sortierung=zufall",
        "seite=abc",
        "seite=999",
    ],
)
def test_bad_query_values_are_ignored_with_a_notice(client, calls, query):
    response = client.get(LIST + "?" + query)
    assert response.status_code == 200
    assert notices(response)
    assert response.context["total"] >= 1


def test_an_unknown_value_is_named_in_the_notice(client, calls):
    response = client.get(LIST + "?teilmarkt=gibt-es-nicht")
    assert "gibt-es-nicht" in notices(response)[0]
    assert response.context["total"] == 3


def test_the_list_pages_after_twenty_calls(client, owned_profile):
    for n in range(23):
        make_call(owned_profile, title=f"Aufruf {n:02}")
    first = client.get(LIST)
    assert len(first.context["calls"]) == 20
    second = client.get(LIST + "?seite=2")
    assert len(second.context["calls"]) == 3


def test_the_number_of_queries_does_not_grow_with_the_calls(
    client, owned_profile, leipzig_profile, django_assert_max_num_queries
):
    for n in range(15):
        profile = owned_profile if n % 2 else leipzig_profile
        make_call(
            profile,
            title=f"Aufruf {n}",
            municipality="leipzig" if n % 3 else None,
            submarkets=("designwirtschaft", "musikwirtschaft"),
        )
    address = LIST + "?art=suchen&kreis=" + place("leipzig").district.slug
    with django_assert_max_num_queries(11):
        response = client.get(address)
    assert response.status_code == 200


def test_an_empty_list_says_so(client, reference_data):
    response = client.get(LIST)
    assert german("There are no open calls at the moment.") in response.content.decode()


def test_a_new_call_shows_on_the_cached_list_at_once(client, owned_profile, settings):
    settings.PAGE_CACHE_SECONDS = 300
    assert client.get(LIST).context["total"] == 0
    make_call(owned_profile, title="Ganz frisch")
    assert "Ganz frisch" in client.get(LIST).content.decode()


def test_the_english_list_names_the_submarkets_in_english(client, calls):
    response = client.get("/en" + LIST + "?teilmarkt=musikwirtschaft")
    assert response.status_code == 200
    assert response.context["chips"][0].label.endswith(
        option(response.context["submarket_options"], "musikwirtschaft").label
    )
