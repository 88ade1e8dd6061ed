"""The API's OpenAPI 3.1 description, served at /api/v1/openapi.json.

Written by hand, next to the views it describes; tests validate it with
openapi-spec-validator and check that every documented path answers. The API speaks
German to people (error details) and English to programs (field names), like the site's
query parameters speak German.
"""

from django.urls import reverse

from daten.http import ATTRIBUTION, LICENSE_NAME, LICENSE_URL
from kern.site_url import absolute_url
from mitglieder.models import Profile

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20


def _text(description=None, nullable=False):
    schema = {"type": ["string", "null"] if nullable else "string"}
    if description:
        schema["description"] = description
    return schema


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


NAMED = {
    "type": "object",
    "required": ["slug", "name"],
    "properties": {"slug": _text(), "name": _text()},
}

PROFILE = {
    "type": "object",
    "description": (
        "A listed member as its public profile page shows it to anonymous visitors. Phone "
        "and address appear only where the member made them public; no e-mail address "
        "is ever included."
    ),
    "required": ["slug", "name", "kind", "url", "municipality", "district", "association"],
    "properties": {
        "slug": _text("The profile's address on the site: /mitglieder/{slug}/."),
        "name": _text(),
        "kind": {"type": "string", "enum": [value for value, _label in Profile.Kind.choices]},
        "tagline": _text(),
        "description": _text("Markdown."),
        "url": _text("The profile page.") | {"format": "uri"},
        "website": _text(),
        "municipality": _ref("Named"),
        "district": _ref("Named"),
        "association": _ref("Named"),
        "submarkets": {"type": "array", "items": _ref("Named")},
        "disciplines": {"type": "array", "items": _ref("Named")},
        "open_for_commissions": {"type": "boolean"},
        "seeks_cooperation": {"type": "boolean"},
        "phone": _text("Only if the member made it public.", nullable=True),
        "street_address": _text("Only if the member made the address public.", nullable=True),
        "postal_code": _text("Only if the member made the address public.", nullable=True),
        "links": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"kind": _text(), "url": _text()},
            },
        },
        "image": _text("Logo or portrait.", nullable=True),
        "gallery": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "image": _text(nullable=True),
                    "alt_text": _text(),
                    "caption": _text(),
                },
            },
        },
        "published_at": _text(nullable=True) | {"format": "date-time"},
        "updated_at": _text(nullable=True) | {"format": "date-time"},
    },
}

LICENCE_PROPERTIES = {
    "license": _text() | {"const": LICENSE_URL},
    "license_name": _text(),
    "attribution": _text(),
}

PROBLEM = {
    "type": "object",
    "description": "RFC 9457 problem details; `detail` is German and meant for people.",
    "required": ["status", "detail"],
    "properties": {
        "type": _text(),
        "title": _text(),
        "status": {"type": "integer"},
        "detail": _text(),
        "errors": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": _text()},
        },
    },
}

COUNT = {"oneOf": [{"type": "integer", "minimum": 0}, {"type": "string", "const": "<5"}]}


def _parameter(name, description, schema=None):
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema or {"type": "string"},
    }


def _error(description):
    return {
        "description": description,
        "content": {"application/problem+json": {"schema": _ref("Problem")}},
    }


def _ok(description, schema):
    return {
        "description": description,
        "headers": {
            "ETag": {"schema": {"type": "string"}},
            "Last-Modified": {"schema": {"type": "string"}},
        },
        "content": {"application/json": {"schema": schema}},
    }


COMMON_ERRORS = {
    "304": {"description": "Not modified since the ETag or date sent."},
    "429": _error("Too many requests from this address; see the Retry-After header.")
    | {"headers": {"Retry-After": {"schema": {"type": "integer"}}}},
}


def openapi_description() -> dict:
    list_parameters = [
        _parameter("q", "Full-text search, as in the directory."),
        _parameter("verband", "Slug of a regional association."),
        _parameter("kreis", "Slug of a district."),
        _parameter("ort", "Slug of a municipality."),
        _parameter("teilmarkt", "Slug of a Teilmarkt (see /api/v1/teilmaerkte/)."),
        _parameter("disziplin", "Slug of a discipline."),
        _parameter(
            "art",
            "Kind of member.",
            {"type": "string", "enum": [value for value, _label in Profile.Kind.choices]},
        ),
        _parameter("auftraege", "Only members open for commissions.", {"type": "boolean"}),
        _parameter("kooperation", "Only members looking for cooperation.", {"type": "boolean"}),
        _parameter(
            "sortierung",
            "Order: name (default), neu (newest first), relevanz (with q).",
            {"type": "string", "enum": ["name", "neu", "relevanz"]},
        ),
        _parameter("seite", "Page number, from 1.", {"type": "integer", "minimum": 1}),
        _parameter(
            "pro_seite",
            f"Results per page, {DEFAULT_PAGE_SIZE} by default; more than {MAX_PAGE_SIZE} "
            f"give {MAX_PAGE_SIZE}.",
            {"type": "integer", "minimum": 1},
        ),
    ]
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Kreativ Sachsen Open Data API",
            "version": "1.0.0",
            "description": (
                "The public directory of Saxony's creative industries, read-only. Data under "
                f"{LICENSE_NAME}, attribution: {ATTRIBUTION}. Unknown or invalid parameters "
                "answer 400. Every answer carries an ETag and Last-Modified; send "
                "If-None-Match to receive 304 while nothing changed. Any origin may read it "
                "(CORS). Each client address may send a limited number of requests per minute."
            ),
            "license": {"name": LICENSE_NAME, "url": LICENSE_URL},
        },
        "servers": [{"url": absolute_url("/api/v1")}],
        "paths": {
            "/profiles/": {
                "get": {
                    "operationId": "listProfiles",
                    "summary": "Listed members, filtered and paged",
                    "parameters": list_parameters,
                    "responses": {
                        "200": _ok("A page of members.", _ref("ProfilePage")),
                        "400": _error("A parameter is unknown, repeated or invalid."),
                        "404": _error("The page number is past the last page."),
                        **COMMON_ERRORS,
                    },
                }
            },
            "/profiles/{slug}/": {
                "get": {
                    "operationId": "getProfile",
                    "summary": "One listed member",
                    "parameters": [
                        {
                            "name": "slug",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                        }
                    ],
                    "responses": {
                        "200": _ok("The member.", _ref("ProfileDocument")),
                        "404": _error("No listed member has this address."),
                        **COMMON_ERRORS,
                    },
                }
            },
            "/teilmaerkte/": {
                "get": {
                    "operationId": "listSubmarkets",
                    "summary": "The Teilmärkte and their disciplines",
                    "responses": {
                        "200": _ok("The taxonomy.", _ref("Taxonomy")),
                        **COMMON_ERRORS,
                    },
                }
            },
            "/statistik/": {
                "get": {
                    "operationId": "getStatistics",
                    "summary": "Listed members per district and Teilmarkt",
                    "responses": {
                        "200": _ok("Counts; 1 to 4 are given as “<5”.", _ref("Statistics")),
                        **COMMON_ERRORS,
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "Named": NAMED,
                "Profile": PROFILE,
                "Problem": PROBLEM,
                "ProfileDocument": {
                    "allOf": [
                        _ref("Profile"),
                        {"type": "object", "properties": LICENCE_PROPERTIES},
                    ]
                },
                "ProfilePage": {
                    "type": "object",
                    "required": ["count", "page", "page_size", "pages", "results"],
                    "properties": {
                        "count": {"type": "integer"},
                        "page": {"type": "integer"},
                        "page_size": {"type": "integer"},
                        "pages": {"type": "integer"},
                        "next": _text(nullable=True),
                        "previous": _text(nullable=True),
                        **LICENCE_PROPERTIES,
                        "results": {"type": "array", "items": _ref("Profile")},
                    },
                },
                "Taxonomy": {
                    "type": "object",
                    "properties": {
                        **LICENCE_PROPERTIES,
                        "results": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "slug": _text(),
                                    "name": _text(),
                                    "name_en": _text(nullable=True),
                                    "description": _text(),
                                    "url": _text(),
                                    "disciplines": {
                                        "type": "array",
                                        "items": {
                                            "type": "object",
                                            "properties": {
                                                "slug": _text(),
                                                "name": _text(),
                                                "name_en": _text(nullable=True),
                                            },
                                        },
                                    },
                                },
                            },
                        },
                    },
                },
                "Statistics": {
                    "type": "object",
                    "properties": {
                        **LICENCE_PROPERTIES,
                        "small_count": _text(),
                        "note": _text(),
                        "submarkets": {"type": "array", "items": _ref("Named")},
                        "districts": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "slug": _text(),
                                    "name": _text(),
                                    "total": COUNT,
                                    "submarkets": {
                                        "type": "object",
                                        "additionalProperties": COUNT,
                                    },
                                },
                            },
                        },
                    },
                },
            }
        },
        "externalDocs": {"url": absolute_url(reverse("daten:index"))},
    }
