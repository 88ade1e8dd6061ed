from xml.etree import ElementTree

from mitglieder.models import Profile
from tests.factories import ProfileFactory

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_the_sitemap_lists_every_public_page_and_no_private_profile(client, reference_data):
    public = ProfileFactory(name="Sichtbar")
    hidden = ProfileFactory(name="Versteckt", status=Profile.Status.HIDDEN)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    locations = {
        element.text
        for element in ElementTree.fromstring(response.content).findall(".//s:loc", NS)  # noqa: S314 - our own output
    }
    for path in [
        "/",
        "/en/",
        "/mitglieder/",
        "/teilmaerkte/",
        "/teilmaerkte/designwirtschaft/",
        "/verbaende/leipzig/",
        "/impressum/",
        "/en/datenschutz/",
        f"/mitglieder/{public.slug}/",
        f"/en/mitglieder/{public.slug}/",
    ]:
        assert f"http://testserver{path}" in locations
    assert f"http://testserver/mitglieder/{hidden.slug}/" not in locations


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text
