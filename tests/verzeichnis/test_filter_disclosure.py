"""Mobile first: the filters of the directory, the news and the events fold into a "Filter (n)"
disclosure that works without JavaScript, above the result count, the active filters and the
results; the main menu folds the same way."""

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext, ngettext

from tests.aktuelles.news_data import article
from tests.factories import ProfileFactory, discipline, place
from tests.veranstaltungen.factories import EventFactory


def summary_text(count):
    with translation.override("de"):
        return ngettext("Filter (%(count)s)", "Filters (%(count)s)", count) % {"count": count}


def disclosure(page):
    """The filter disclosure's opening tag, its summary and its content."""
    match = re.search(
        r'(<details class="filter-disclosure[^>]*>)\s*'
        r"<summary[^>]*>([^<]*)</summary>(.*?)</details>",
        page,
        re.S,
    )
    assert match, "no filter disclosure on the page"
    return match.groups()


@pytest.fixture
def lists(reference_data):
    ProfileFactory(municipality=place("dresden"), disciplines=[discipline("fotografie")])
    article("dresden")
    EventFactory()


@pytest.mark.parametrize(
    ("path", "filtered", "active"),
    [
        ("/mitglieder/", "/mitglieder/?verband=dresden&teilmarkt=designwirtschaft", 2),
        ("/aktuelles/", "/aktuelles/?verband=dresden", 1),
        ("/veranstaltungen/", "/veranstaltungen/?verband=chemnitz&art=workshop", 2),
    ],
)
def test_a_lists_filters_fold_into_a_disclosure_that_counts_the_active_ones(
    client, lists, path, filtered, active
):
    for url, count in ((path, 0), (filtered, active)):
        page = client.get(url).content.decode()
        opening, summary, content = disclosure(page)

        # Folded without JavaScript (the script opens it on wide screens only).
        assert " open" not in opening
        assert summary.strip() == summary_text(count)
        assert '<form class="' in content and 'method="get"' in content
        # The count, the chips and the results follow the folded filters.
        after = page.split("</details>", 1)[1]
        assert 'class="directory__count"' in after
        if count:
            assert after.index('class="active-filters"') < after.index("</section>")


def test_every_page_folds_its_menu_into_a_disclosure_with_the_main_navigation(client, lists):
    page = client.get("/").content.decode()
    menu = re.search(r'<details class="site-menu[^>]*>(.*?)</details>', page, re.S)
    assert menu
    with translation.override("de"):
        assert f">{gettext('Menu')}</summary>" in menu.group(1)
        assert f'aria-label="{gettext("Main navigation")}"' in menu.group(1)
    assert '<script src="/static/js/disclosures.js" defer></script>' in page
    assert "<script>" not in page
