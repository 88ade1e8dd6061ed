"""The API's OpenAPI description: valid OpenAPI 3.1, and every path it documents answers."""

import pytest
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


def test_the_description_is_valid_openapi_3_1(client, db):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    description = response.json()
    assert description["openapi"] == "3.1.0"
    validate(description)


def test_every_documented_path_answers(client, directory_members):
    description = client.get("/api/v1/openapi.json").json()
    base = description["servers"][0]["url"].removeprefix("http://testserver")

    for path in description["paths"]:
        address = base + path.replace("{slug}", "ostwind-games")
        response = client.get(address)
        assert response.status_code == 200, address


def test_every_list_parameter_is_documented(client, db):
    from daten.api import PARAMETERS

    description = client.get("/api/v1/openapi.json").json()
    documented = {p["name"] for p in description["paths"]["/profiles/"]["get"]["parameters"]}

    assert documented == set(PARAMETERS)
