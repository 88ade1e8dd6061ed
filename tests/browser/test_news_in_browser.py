"""The news stream, articles and the pages that show news, in a real browser."""

import pytest
from django.core.files.base import ContentFile

from aktuelles.models import NewsItem
from demo.placeholders import render_artwork
from teilmaerkte.models import Submarket
from tests.aktuelles.news_data import article, success
from tests.browser.test_accessibility import AXE, AXE_OPTIONS, format_violations
from tests.factories import ProfileFactory


@pytest.fixture
def news(reference_data):
    """An article with an image, one without, and a member's approved success."""
    with_image = article(
        "leipzig",
        days_ago=2,
        title="Räume für Kreative im Leipziger Westen",
        body="## Bewerbung\n\nBis Monatsende, **formlos** per E-Mail.",
        submarkets=[Submarket.objects.get(slug="musikwirtschaft")],
        image_alt="Backsteinhalle mit großen Fenstern",
    )
    with_image.image.save("halle.webp", ContentFile(render_artwork("musikwirtschaft", "x")))
    article("chemnitz", days_ago=3, title="Kulturhauptstadt-Nachlese")
    success(
        ProfileFactory(name="Studio Kranich"), days_ago=1, title="Nominiert für den Designpreis"
    )
    return NewsItem.objects.get(pk=with_image.pk)


PAGES = [
    "/aktuelles/",
    "/aktuelles/?verband=chemnitz",
    "/aktuelles/?teilmarkt=sonstige",
    "/aktuelles/?verband=atlantis&seite=abc",
    "/aktuelles/{article}/",
    "/",
    "/verbaende/leipzig/",
    "/en/aktuelles/",
    "/en/aktuelles/{article}/",
]


@pytest.mark.parametrize("path", PAGES)
def test_news_pages_are_accessible(open_page, news, path):
    tab = open_page()
    url = tab.url(path.format(article=news.slug))
    response = tab.page.goto(url)
    assert response is not None and response.status == 200, url
    tab.page.evaluate("document.fonts.ready.then(() => true)")

    violations = AXE.run(tab.page, options=AXE_OPTIONS).response["violations"]

    assert not violations, format_violations(url, violations)
    assert not tab.log.problems(), tab.log.problems()
    tab.guard.assert_nothing_left_the_machine()


def test_news_pages_work_under_the_real_csp(open_page, news):
    tab = open_page(bypass_csp=False)
    for path in ("/aktuelles/", f"/aktuelles/{news.slug}/"):
        response = tab.page.goto(tab.url(path))
        assert response is not None and response.status == 200
        tab.page.evaluate("document.fonts.ready.then(() => true)")
        assert not tab.log.problems(), tab.log.problems()
    # The article's image is a WebP rendition from this server, with its size set.
    image = tab.page.locator(".news-article__figure img")
    assert image.get_attribute("width") and image.get_attribute("height")
    assert "/media/renditions/" in (image.get_attribute("src") or "")
    tab.guard.assert_nothing_left_the_machine()


def test_filtering_the_news_by_keyboard_alone(open_page, news):
    tab = open_page()
    page = tab.page
    page.goto(tab.url("/aktuelles/"))

    for _stop in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "news-verband":
            break
    else:
        pytest.fail("Tab never reached the association filter")
    page.keyboard.type("Kreatives Chemnitz")  # type-ahead picks the option
    page.keyboard.press("Tab")  # the Teilmarkt filter
    page.keyboard.press("Tab")  # the button
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    page.wait_for_url("**/aktuelles/?verband=chemnitz*")

    titles = page.locator(".news-entry__title").all_inner_texts()
    assert titles == ["Nominiert für den Designpreis", "Kulturhauptstadt-Nachlese"]
