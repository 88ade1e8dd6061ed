"""/daten/: the page, the streamed downloads (cached under the directory's version), the
taxonomy and the statistics with small numbers hidden."""

import csv
import io
import json

import pytest
from django.utils.translation import gettext as _

from mitglieder.models import Profile
from tests.factories import ProfileFactory, make_profile

pytestmark = pytest.mark.django_db


def streamed(response):
    assert response.streaming
    return b"".join(response.streaming_content).decode()


def csv_rows(text):
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_the_page_documents_licence_downloads_and_api(client, db):
    page = client.get("/daten/").content.decode()

    assert "https://creativecommons.org/licenses/by/4.0/" in page
    assert "Landesverband der Kultur- und Kreativwirtschaft Sachsen e.V." in page
    for address in (
        "/daten/mitglieder.csv",
        "/daten/mitglieder.jsonld",
        "/daten/teilmaerkte.csv",
        "/daten/statistik.csv",
        "/api/v1/openapi.json",
        "/api/v1/profiles/",
    ):
        assert f'href="{address}"' in page


def test_the_footer_links_the_page(client, db):
    assert 'href="/daten/"' in client.get("/").content.decode()


def test_the_csv_lists_every_listed_profile(client, directory_members):
    response = client.get("/daten/mitglieder.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="mitglieder.csv"' in response["Content-Disposition"]
    rows = csv_rows(streamed(response))
    header, records = rows[0], rows[1:]
    assert header[:2] == ["slug", "name"]
    assert sorted(row[1] for row in records) == sorted(
        Profile.objects.listed().values_list("name", flat=True)
    )
    assert "Geheimes Fotostudio" not in {row[1] for row in records}


def test_the_csv_is_safe_from_formulas(client, db, reference_data):
    ProfileFactory(name='=HYPERLINK("https://evil.example","Klick")', tagline="@SUM(A1)")

    rows = csv_rows(streamed(client.get("/daten/mitglieder.csv")))

    assert rows[1][1].startswith("'=HYPERLINK")
    assert rows[1][3] == "'@SUM(A1)"


def test_the_json_ld_describes_people_and_organisations(client, directory_members):
    response = client.get("/daten/mitglieder.jsonld")

    assert response["Content-Type"].startswith("application/ld+json")
    document = json.loads(streamed(response))
    assert document["@context"] == "https://schema.org"
    dataset, *members = document["@graph"]
    assert dataset["@type"] == "Dataset"
    assert dataset["license"] == "https://creativecommons.org/licenses/by/4.0/"
    kinds = {member["name"]: member["@type"] for member in members}
    assert kinds["Müller Fotografie"] == "Person"
    assert kinds["Ostwind Games"] == "Organization"
    assert "Geheimes Fotostudio" not in kinds
    assert all(member["url"].startswith("http://testserver/mitglieder/") for member in members)


def test_a_download_is_served_from_the_cache_until_a_profile_changes(
    client, directory_members, django_assert_num_queries
):
    first = streamed(client.get("/daten/mitglieder.csv"))

    with django_assert_num_queries(0):
        again = streamed(client.get("/daten/mitglieder.csv"))
    assert again == first

    make_profile("dresden", name="Ganz Neues Studio")
    assert "Ganz Neues Studio" in streamed(client.get("/daten/mitglieder.csv"))


def test_a_large_download_reads_the_profiles_in_chunks(
    client, directory_members, django_assert_max_num_queries
):
    # Chunks of 500: the queries grow with the number of chunks, not of profiles.
    with django_assert_max_num_queries(8):
        streamed(client.get("/daten/mitglieder.jsonld"))


def test_downloads_answer_conditional_requests(client, directory_members):
    etag = client.get("/daten/mitglieder.csv")["ETag"]

    assert client.get("/daten/mitglieder.csv", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_the_taxonomy(client, reference_data):
    body = client.get("/api/v1/teilmaerkte/").json()
    rows = csv_rows(client.get("/daten/teilmaerkte.csv").content.decode())

    slugs = [submarket["slug"] for submarket in body["results"]]
    assert "designwirtschaft" in slugs
    design = next(s for s in body["results"] if s["slug"] == "designwirtschaft")
    assert "kommunikationsdesign" in {d["slug"] for d in design["disciplines"]}
    assert rows[0] == ["submarket_slug", "submarket", "discipline_slug", "discipline"]
    assert ["designwirtschaft", design["name"], "kommunikationsdesign"] in [
        row[:3] for row in rows[1:]
    ]


def test_statistics_hide_numbers_below_five(client, reference_data):
    for _number in range(6):
        make_profile("leipzig")  # kommunikationsdesign: Designwirtschaft
    make_profile("dresden")

    body = client.get("/api/v1/statistik/").json()
    districts = {district["slug"]: district for district in body["districts"]}

    leipzig, dresden = districts["leipzig"], districts["dresden"]
    assert leipzig["total"] == 6
    assert leipzig["submarkets"]["designwirtschaft"] == 6
    assert dresden["total"] == "<5"
    assert dresden["submarkets"]["designwirtschaft"] == "<5"
    assert dresden["submarkets"]["architekturmarkt"] == 0
    assert body["small_count"] == "<5"


def test_statistics_as_csv(client, reference_data):
    make_profile("dresden")

    rows = csv_rows(client.get("/daten/statistik.csv").content.decode())

    assert rows[0][0] == "district" and rows[0][-1] == "total"
    dresden = next(row for row in rows if row[0] == "Dresden")
    assert dresden[-1] == "<5"


def test_the_page_is_german(client, db):
    assert str(_("Open data")) in client.get("/daten/").content.decode()
