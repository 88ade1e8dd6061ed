"""The map of creative Saxony: members per district, as links to the filtered directory."""

import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils.translation import gettext as _

from karte.member_map import colour_classes, nice_step
from karte.shapes import geometry
from mitglieder.models import Profile
from tests.factories import ProfileFactory, discipline, place
from verbaende.models import District

MAP = "/karte/"


def district_links(html):
    """{district link's aria-label: href} of the SVG."""
    return dict(
        re.findall(r'<a class="map__district[^"]*" href="([^"]+)" aria-label="([^"]+)"', html)
    )


def table_counts(html):
    """{district name: number} of the table under the map."""
    rows = re.findall(
        r'<th scope="row"><a href="[^"]+"[^>]*>([^<]+)</a></th>\s*<td>[^<]*</td>\s*'
        r'<td class="num">([^<]+)</td>',
        html,
    )
    return {name: int(number.replace(".", "")) for name, number in rows}


def test_every_district_of_saxony_has_a_shape(reference_data):
    slugs = set(District.objects.values_list("slug", flat=True))
    assert len(slugs) == 13
    assert set(geometry().districts) == slugs
    for shape in geometry().districts.values():
        assert shape.path.startswith("M") and shape.path.endswith("Z")


def test_the_map_counts_members_per_district(client, directory_members):
    ProfileFactory(municipality=place("dresden"))
    html = client.get(MAP).content.decode()

    counts = table_counts(html)
    assert counts["Dresden"] == 2
    assert counts["Görlitz"] == 1
    assert counts["Leipzig"] == 1  # the draft in Leipzig is not counted
    assert counts["Bautzen"] == 0
    assert len(counts) == 13
    assert "<svg" in html and 'class="map__district map-c' in html


def test_each_district_links_to_the_directory_filtered_to_it(client, directory_members):
    html = client.get(MAP, {"art": "company", "teilmarkt": "designwirtschaft"}).content.decode()
    hrefs = [
        href.replace("&amp;", "&")
        for href in re.findall(r'class="map__district[^"]*" href="([^"]+)"', html)
    ]
    assert len(hrefs) == 13
    wanted = {"art": ["company"], "teilmarkt": ["designwirtschaft"], "kreis": ["leipzig"]}
    (leipzig_url,) = [href for href in hrefs if parse_qs(urlsplit(href).query) == wanted]
    assert urlsplit(leipzig_url).path == "/mitglieder/"
    leipzig = client.get(leipzig_url)
    assert "Äpfel &amp; Birnen Designbüro" in leipzig.content.decode()


def test_the_map_takes_the_directorys_filters(client, directory_members):
    for query, expected in (
        ({"art": "company"}, {"Leipzig": 1, "Dresden": 1, "Vogtlandkreis": 1, "Görlitz": 0}),
        ({"teilmarkt": "designwirtschaft"}, {"Leipzig": 1, "Dresden": 0}),
        ({"disziplin": "fotografie"}, {"Görlitz": 1, "Leipzig": 0}),
        ({"auftraege": "on"}, {"Görlitz": 1, "Chemnitz": 1, "Dresden": 0}),
        ({"verband": "dresden"}, {"Görlitz": 1, "Dresden": 1, "Leipzig": 0}),
        ({"q": "Spiele"}, {"Dresden": 1, "Chemnitz": 0}),
    ):
        counts = table_counts(client.get(MAP, query).content.decode())
        for name, number in expected.items():
            assert counts[name] == number, (query, name)


def test_a_district_filter_marks_the_district_instead_of_hiding_the_others(
    client, directory_members
):
    html = client.get(MAP, {"kreis": "goerlitz", "art": "person"}).content.decode()
    counts = table_counts(html)
    assert counts["Görlitz"] == 1
    assert sum(counts.values()) == 1  # one person in all; the others are still listed
    results = html[html.index('id="map-title"') :]
    assert results.count('aria-current="true"') == 2  # its shape and its table row
    assert "map__district--selected" in html


def test_garbage_parameters_get_a_notice_not_an_error(client, directory_members):
    response = client.get(MAP, {"teilmarkt": "<script>", "art": "x" * 500, "kreis": "mars"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="notice"') == 1
    assert "<script>" not in html
    assert sum(table_counts(html).values()) == 5


def test_the_legend_has_numbers_and_the_attribution_is_shown(client, directory_members):
    html = client.get(MAP).content.decode()
    assert "© GeoBasis-DE / BKG 2017" in html
    legend = re.search(r'<ul class="map-legend__items".*?</ul>', html, re.S).group(0)
    assert ">0</li>" in legend and ">1</li>" in legend


def test_the_map_shows_no_member_and_no_address(client, directory_members):
    html = client.get(MAP).content.decode()
    for profile in Profile.objects.all():
        assert profile.name not in html
    assert "@" not in re.sub(r"<(script|link)[^>]*>", "", html).replace("©", "")


def test_the_legend_classes_are_round_numbers():
    assert nice_step(4) == 1
    assert nice_step(37) == 10
    assert nice_step(230) == 50
    labels = [c.label for c in colour_classes(37)]
    assert labels == ["0", "1–10", "11–20", "21–30", "31–40"]  # noqa: RUF001
    assert [c.label for c in colour_classes(2)] == ["0", "1", "2"]


@pytest.mark.parametrize("count", [1, 30])
def test_the_map_needs_the_same_queries_for_any_number_of_members(
    client, reference_data, django_assert_max_num_queries, count
):
    ProfileFactory.create_batch(count, disciplines=[discipline("games")])
    client.get(MAP)  # the vocabulary (places, disciplines) is loaded once per process
    # Two reads of the directory's facet counters, or one tally of a search's matches.
    for query in (
        {},
        {"teilmarkt": "software-games", "art": "company"},
        {"q": "Atelier"},
        {"ebene": "orte", "disziplin": "games"},
    ):
        with django_assert_max_num_queries(2):
            client.get(MAP, query)


def test_the_map_is_in_english_under_en(client, directory_members):
    response = client.get("/en/karte/")
    assert response.status_code == 200
    assert response["Content-Language"] == "en"


def test_directory_and_map_link_to_each_other_with_the_filters(client, directory_members):
    directory = client.get("/mitglieder/", {"art": "person", "seite": "1"}).content.decode()
    assert 'href="/karte/?art=person"' in directory
    html = client.get(MAP, {"art": "person", "kreis": "goerlitz"}).content.decode()
    switch = re.search(r'<nav class="view-switch".*?</nav>', html, re.S).group(0)
    (list_url,) = re.findall(r'href="([^"]+)"', switch)
    list_url = list_url.replace("&amp;", "&")
    assert parse_qs(urlsplit(list_url).query) == {"art": ["person"], "kreis": ["goerlitz"]}


class IdCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = []

    def handle_starttag(self, tag, attrs):
        self.ids += [value for name, value in attrs if name == "id"]


def test_the_map_page_has_no_duplicate_ids(client, directory_members):
    parser = IdCollector()
    parser.feed(client.get(MAP).content.decode())
    assert len(parser.ids) == len(set(parser.ids))


def test_counts_text_uses_the_translated_message(client, directory_members):
    html = client.get(MAP).content.decode()
    assert (_("%(district)s: %(count)s member") % {"district": "Görlitz", "count": "1"}) in html


def test_by_place_every_place_with_members_is_a_circle_linking_to_it(client, directory_members):
    ProfileFactory.create_batch(2, municipality=place("dresden"), kind=Profile.Kind.COMPANY)
    html = client.get(MAP, {"ebene": "orte", "art": "company"}).content.decode()
    circles = re.findall(r'<a class="map__district map__place[^"]*" href="([^"]+)"[^>]*>', html)
    links = {parse_qs(urlsplit(href.replace("&amp;", "&")).query)["ort"][0] for href in circles}
    assert links == {"dresden", "leipzig", "plauen"}
    for href in circles:
        assert parse_qs(urlsplit(href.replace("&amp;", "&")).query)["art"] == ["company"]
    assert re.search(r">Dresden</a></th>\s*<td>Dresden</td>\s*<td class=\"num\">3<", html)
    assert "Görlitz" not in re.search(r"<tbody>.*?</tbody>", html, re.S).group(0)
    # The filter form keeps the layer; the layer switch keeps the filters.
    assert '<input type="hidden" name="ebene" value="orte">' in html
    assert 'href="?art=company"' in html


def test_every_reference_place_has_a_position(reference_data):
    from verbaende.models import Municipality

    positions = geometry().places
    assert not [m.name for m in Municipality.objects.all() if m.name not in positions]


def test_an_unknown_layer_shows_the_districts(client, directory_members):
    html = client.get(MAP, {"ebene": "<x>"}).content.decode()
    assert "map__place" not in html and len(table_counts(html)) == 13


def test_the_sitemap_lists_map_and_statistics(client, reference_data):
    xml = client.get("/sitemap.xml").content.decode()
    for path in ("/karte/", "/en/karte/", "/statistik/", "/en/statistik/"):
        assert f"<loc>http://testserver{path}</loc>" in xml
