"""Finding 1 of issue 11: a member could stall the site through Markdown.

Rendering was quadratic in "[" (25 000 of them kept a worker busy for a minute), it ran on
every request for the page, and any new query string made a new cache entry. Now rendering
is linear and capped, runs when the text is saved, and the cache ignores parameters the
page does not understand.
"""

import time
from unittest import mock

import nh3
import pytest

from kern.markdown import MAX_SOURCE_CHARS, render_markdown
from mitglieder.models import Profile
from seiten.models import Page
from tests.aktuelles.news_data import article
from tests.factories import ProfileFactory
from tests.profile_forms import edit_data
from tests.veranstaltungen.factories import EventFactory
from verbaende.models import Association

pytestmark = pytest.mark.django_db

ATTACK = "[" * 25_000 + "](x)"
# Each took python-markdown seconds to minutes; the parser now needs milliseconds. The
# bound is generous and counts this process's CPU time, not the wall clock, so a busy
# shared machine does not fail it: what it catches is growth by the square.
PATHOLOGICAL = {
    "the reported description": ATTACK,
    "100 000 open brackets": "[" * 100_000,
    "image openers": "![" * 50_000,
    "unclosed links": "[a](b" * 30_000,
    "mixed emphasis": "*_" * 50_000,
    "nested strong and emphasis": "*a **a " * 20_000 + "b" + " a** a*" * 20_000,
    "nested block quotes": "> " * 50_000 + "a",
    "nested lists": "".join("  " * depth + "- a\n" for depth in range(1_500)),
    "backtick runs": "".join("e" + "`" * n for n in range(1, 1_500)),
}


@pytest.mark.parametrize("text", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_pathological_markdown_renders_in_well_under_a_second(text):
    started = time.process_time()
    html = render_markdown(text)
    assert time.process_time() - started < 1.0
    assert "<script" not in html


def test_text_beyond_the_budget_is_never_parsed():
    html = render_markdown("a" * MAX_SOURCE_CHARS + " **never parsed**")
    assert "never" not in html


def test_a_pathological_description_costs_a_visitor_no_rendering(client, reference_data):
    profile = ProfileFactory(description=ATTACK + "\n\nWir **drucken** selbst.")

    with mock.patch("nh3.clean", wraps=nh3.clean) as sanitiser:
        response = client.get(profile.get_absolute_url())

    assert response.status_code == 200
    assert sanitiser.call_count == 0
    assert "Wir <strong>drucken</strong> selbst." in response.content.decode()


def _news():
    return article(title="Förderung", body="## Bewerbung\n\nBis **Freitag**.")


def _event():
    return EventFactory(description="## Ablauf\n\nMit **Imbiss**.")


def _page():
    page = Page.objects.get(slug=Page.Slug.IMPRINT)
    page.body = "## Anschrift\n\n**Musterstraße 1**"
    page.save()
    return page


def _association():
    association = Association.objects.get(slug="dresden")
    association.description = "## Wer wir sind\n\nEin **Netzwerk**."
    association.save()
    return association


@pytest.mark.parametrize("make", [_news, _event, _page, _association])
def test_every_public_markdown_page_shows_html_stored_at_save(client, reference_data, make):
    obj = make()

    with mock.patch("nh3.clean", wraps=nh3.clean) as sanitiser:
        response = client.get(obj.get_absolute_url())

    assert response.status_code == 200
    assert sanitiser.call_count == 0
    assert "<h2>" in response.content.decode()


def test_the_preview_of_a_pathological_description_answers_at_once(
    client_for, owner, owned_profile
):
    data = edit_data(owned_profile, description=ATTACK, preview="1")

    started = time.process_time()
    response = client_for(owner).post(f"/mein-profil/{owned_profile.pk}/bearbeiten/", data)

    assert response.status_code == 200
    assert time.process_time() - started < 2.0
    assert Profile.objects.get(pk=owned_profile.pk).description == owned_profile.description


def test_random_query_strings_share_the_pages_cache_entry(client, settings, reference_data):
    settings.PAGE_CACHE_SECONDS = 600
    profile = ProfileFactory(name="Atelier Ruhe")
    url = profile.get_absolute_url()

    assert client.get(f"{url}?x=1")["X-Page-Cache"] == "miss"
    # A hit is the entry the first request stored: nothing new was rendered nor stored.
    for query in ("x=2", "x=3&y=4", "utm_source=newsletter&utm_medium=email", ""):
        response = client.get(f"{url}?{query}")
        assert response["X-Page-Cache"] == "hit", query
        assert "Atelier Ruhe" in response.content.decode()


def test_a_cached_page_carries_no_trace_of_ignored_parameters(client, settings, reference_data):
    settings.PAGE_CACHE_SECONDS = 600
    profile = ProfileFactory()

    first = client.get(f"{profile.get_absolute_url()}?spur=eingeschleust")
    again = client.get(profile.get_absolute_url())

    assert "eingeschleust" not in first.content.decode()
    assert again["X-Page-Cache"] == "hit"
