"""The read-only JSON API under /api/v1/: what it lists, its filters, paging, errors,
conditional GET, CORS and the rate limit."""

import pytest
from django.utils.translation import gettext as _

from daten import http as open_data_http
from tests.factories import ProfileFactory, discipline, place

pytestmark = pytest.mark.django_db

LIST = "/api/v1/profiles/"


def names(response):
    return [item["name"] for item in response.json()["results"]]


def test_it_lists_the_listed_profiles_only(client, directory_members):
    unlisted = ProfileFactory(name="Stilles Atelier", listed_in_directory=False)

    response = client.get(LIST)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    listed = names(response)
    assert "Müller Fotografie" in listed
    assert "Geheimes Fotostudio" not in listed  # a draft
    assert unlisted.name not in listed
    body = response.json()
    assert body["count"] == 5
    assert body["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert "Landesverband" in body["attribution"]


def test_a_record_carries_what_the_profile_page_shows(client, directory_members):
    response = client.get(LIST, {"q": "Müller"})

    record = response.json()["results"][0]
    assert record["name"] == "Müller Fotografie"
    assert record["kind"] == "person"
    assert record["url"] == "http://testserver/mitglieder/mueller-fotografie/"
    assert record["municipality"]["slug"] == "goerlitz"
    assert record["district"]["name"] == place("goerlitz").district.name
    assert record["disciplines"] == [{"slug": "fotografie", "name": discipline("fotografie").name}]
    assert record["submarkets"][0]["slug"] == discipline("fotografie").submarket.slug
    assert record["open_for_commissions"] is True
    assert record["phone"] is None  # hidden by default


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"art": "company"}, {"Äpfel & Birnen Designbüro", "Ostwind Games", "Baumann Architektur"}),
        ({"ort": "leipzig"}, {"Äpfel & Birnen Designbüro"}),
        ({"auftraege": "on"}, {"Müller Fotografie", "Kollektiv Zwischenraum"}),
        ({"q": "Spiele"}, {"Ostwind Games"}),
        ({"teilmarkt": "architekturmarkt"}, {"Baumann Architektur"}),
    ],
)
def test_it_filters_with_the_directorys_parameters(client, directory_members, params, expected):
    response = client.get(LIST, params)

    assert response.status_code == 200
    assert set(names(response)) == expected
    assert response.json()["count"] == len(expected)


def test_it_orders_like_the_directory(client, directory_members):
    by_name = names(client.get(LIST))
    assert by_name == sorted(by_name, key=lambda name: name.replace("Ä", "Ae"))


def test_it_pages_and_links_the_next_page(client, directory_members):
    first = client.get(LIST, {"pro_seite": "2"}).json()
    second = client.get(LIST, {"pro_seite": "2", "seite": "2"}).json()

    assert first["pages"] == 3
    assert len(first["results"]) == 2
    assert first["previous"] is None
    assert first["next"].startswith("http://testserver/api/v1/profiles/?")
    assert "seite=2" in first["next"] and "pro_seite=2" in first["next"]
    assert not set(names_of(first)) & set(names_of(second))


def names_of(body):
    return [item["name"] for item in body["results"]]


def test_the_page_size_is_capped(client, directory_members):
    body = client.get(LIST, {"pro_seite": "100000"}).json()
    assert body["page_size"] == 100


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"teilmarkt": "gibt-es-nicht"}, "teilmarkt"),
        ({"art": "alien"}, "art"),
        ({"seite": "abc"}, "seite"),
        ({"seite": "0"}, "seite"),
        ({"pro_seite": "-5"}, "pro_seite"),
        ({"pro_seite": "1e9"}, "pro_seite"),
        ({"q": "x" * 1000}, "q"),
        ({"q": "a\x00b"}, "q"),
        ({"page": "2"}, "page"),
        ({"sortierung": "'; drop table"}, "sortierung"),
    ],
)
def test_garbage_parameters_answer_400_json_in_german(client, directory_members, params, parameter):
    response = client.get(LIST, params)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response["Access-Control-Allow-Origin"] == "*"
    body = response.json()
    assert body["status"] == 400
    assert parameter in body["errors"]
    assert body["detail"]
    assert parameter in body["detail"]


def test_a_repeated_parameter_is_refused(client, directory_members):
    response = client.get(f"{LIST}?art=person&art=company")

    assert response.status_code == 400
    assert response.json()["detail"] == str(
        _("The parameter “%(name)s” is given more than once.") % {"name": "art"}
    )


def test_a_page_past_the_end_answers_404_json(client, directory_members):
    response = client.get(LIST, {"seite": "99"})

    assert response.status_code == 404
    assert response.json()["detail"] == str(
        _("There is no page %(number)s; the last page is %(last)s.") % {"number": 99, "last": 1}
    )


def test_one_profile(client, directory_members):
    response = client.get("/api/v1/profiles/ostwind-games/")

    assert response.status_code == 200
    assert response.json()["name"] == "Ostwind Games"
    assert response.json()["license"].endswith("/by/4.0/")


@pytest.mark.parametrize("slug", ["geheimes-fotostudio", "stilles-atelier", "gibt-es-nicht"])
def test_a_profile_that_is_not_listed_does_not_exist(client, directory_members, slug):
    ProfileFactory(name="Stilles Atelier", listed_in_directory=False)

    response = client.get(f"/api/v1/profiles/{slug}/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_unknown_api_addresses_answer_json(client, db):
    response = client.get("/api/v1/gibt-es-nicht/")

    assert response.status_code == 404
    assert response.json()["status"] == 404


def test_it_only_reads(client, directory_members):
    response = client.post(LIST, {})

    assert response.status_code == 405
    assert response.json()["status"] == 405


def test_it_answers_304_while_nothing_changed(client, directory_members):
    first = client.get(LIST, {"art": "company"})
    etag, modified = first["ETag"], first["Last-Modified"]

    again = client.get(LIST, {"art": "company"}, HTTP_IF_NONE_MATCH=etag)
    by_date = client.get(LIST, {"art": "company"}, HTTP_IF_MODIFIED_SINCE=modified)

    assert again.status_code == 304
    assert again.content == b""
    assert by_date.status_code == 304
    assert again["Access-Control-Allow-Origin"] == "*"


def test_a_change_to_a_profile_changes_the_etag(client, directory_members):
    etag = client.get(LIST)["ETag"]

    profile = directory_members["ostwind"]
    profile.tagline = "Neue Spiele."
    profile.save()

    response = client.get(LIST, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_a_deleted_profile_changes_the_etag(client, directory_members):
    etag = client.get(LIST)["ETag"]

    directory_members["ostwind"].delete()

    assert client.get(LIST, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_other_parameters_have_their_own_etag(client, directory_members):
    assert client.get(LIST)["ETag"] != client.get(LIST, {"art": "person"})["ETag"]


def test_any_origin_may_read_it(client, directory_members):
    response = client.get(LIST, HTTP_ORIGIN="https://example.com")

    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    assert "Set-Cookie" not in response.headers
    assert not response.cookies


def test_it_sets_no_cookie_for_a_logged_in_member(client_for, owner, directory_members):
    response = client_for(owner).get(LIST)

    assert response.status_code == 200
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")


def test_a_preflight_allows_conditional_requests(client, db):
    response = client.options(
        LIST,
        HTTP_ORIGIN="https://example.com",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )

    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "If-None-Match" in response["Access-Control-Allow-Headers"]
    assert "GET" in response["Access-Control-Allow-Methods"]


def test_it_is_rate_limited_per_address(client, directory_members):
    limit = open_data_http.API_LIMIT
    assert client.get(LIST).status_code == 200
    # Use up the rest of this window for the test client's address.
    for _attempt in range(limit.attempts - 1):
        limit.take("127.0.0.1")

    refused = client.get(LIST)
    elsewhere = client.get(LIST, REMOTE_ADDR="192.0.2.7")

    assert refused.status_code == 429
    assert refused["Retry-After"] == str(limit.seconds)
    assert refused["Access-Control-Allow-Origin"] == "*"
    assert refused.json()["detail"] == str(
        _("Too many requests from your address. Please wait %(seconds)s seconds.")
        % {"seconds": limit.seconds}
    )
    assert elsewhere.status_code == 200


def count_queries(client, params):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(LIST, params).status_code == 200
    return len(queries)


@pytest.mark.parametrize("params", [{}, {"q": "Atelier"}, {"teilmarkt": "designwirtschaft"}])
def test_the_number_of_queries_does_not_grow_with_the_page_size(
    client, reference_data, params, django_assert_max_num_queries
):
    for number in range(30):
        ProfileFactory(name=f"Atelier Nummer {number}", website=f"https://{number}.example")

    count_queries(client, params)  # loads the vocabulary, which every process keeps
    small = count_queries(client, {**params, "pro_seite": "2"})
    large = count_queries(client, {**params, "pro_seite": "30"})

    assert large == small
    with django_assert_max_num_queries(9):
        client.get(LIST, {**params, "pro_seite": "25", "seite": "1", "sortierung": "neu"})
