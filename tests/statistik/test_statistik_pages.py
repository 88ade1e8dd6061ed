"""Statistics for advocacy: charts with tables and CSV, "< 5" for small counts, the
association filter and the printable Lagebild."""

import csv
import datetime
import io
import re
from html.parser import HTMLParser

import pytest
from django.utils import timezone
from django.utils.translation import gettext as _

from mitglieder.models import Profile
from statistik import activity
from statistik.privacy import SUPPRESSED
from teilmaerkte.models import Submarket
from tests.factories import ProfileFactory, discipline, place

STATISTICS = "/statistik/"


@pytest.fixture
def members(reference_data):
    """Six companies in Leipzig (design), five persons in Dresden (photography, open for
    commissions), two collectives in Chemnitz."""
    ProfileFactory.create_batch(6, municipality=place("leipzig"))
    ProfileFactory.create_batch(
        5,
        municipality=place("dresden"),
        kind=Profile.Kind.PERSON,
        disciplines=[discipline("fotografie")],
        open_for_commissions=True,
    )
    ProfileFactory.create_batch(2, municipality=place("chemnitz"), kind=Profile.Kind.COLLECTIVE)


def csv_rows(response):
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def table(html, title):
    """The rows of the table captioned `title`, as lists of cell texts."""
    found = re.search(rf"<caption>{re.escape(title)}</caption>(.*?)</table>", html, re.S)
    assert found, title
    rows = re.findall(r"<tr>(.*?)</tr>", found.group(1), re.S)
    return [re.findall(r"<t[hd][^>]*>([^<]*)</t[hd]>", row) for row in rows]


def test_the_statistics_show_every_chart_with_title_description_table_and_csv(client, members):
    html = client.get(STATISTICS).content.decode()
    charts = re.findall(r'<svg class="chart__svg"[^>]*role="img" aria-labelledby="([^"]+)"', html)
    # Six charts and two of activity, the small multiples one per submarket.
    assert len(charts) == 7 + Submarket.objects.count()
    for labelled_by in charts:
        title_id, desc_id = labelled_by.split()
        assert f'<title id="{title_id}">' in html and f'<desc id="{desc_id}">' in html
    for key in ("kreise", "teilmaerkte", "teilmaerkte-kreise", "art", "wachstum", "verfuegbarkeit"):
        assert f'href="/statistik/csv/{key}/"' in html
        assert client.get(f"/statistik/csv/{key}/").status_code == 200
    assert html.count('class="chart__summary"') == 8


def test_counts_below_five_are_shown_as_less_than_five_everywhere(client, members):
    html = client.get(STATISTICS).content.decode()
    districts = dict(table(html, _("Members per district"))[1:])
    assert districts["Leipzig"] == "6"
    assert districts["Dresden"] == "5"
    assert districts["Chemnitz"] == SUPPRESSED.replace("<", "&lt;")
    assert districts["Bautzen"] == SUPPRESSED.replace("<", "&lt;")
    # The chart draws no bar of the true length for them, and writes "< 5".
    assert ">2<" not in re.search(r'id="chart-kreise".*?</svg>', html, re.S).group(0)

    rows = {row[0]: row[1] for row in csv_rows(client.get("/statistik/csv/kreise/"))[1:]}
    assert rows["Leipzig"] == "6"
    assert rows["Chemnitz"] == SUPPRESSED

    kinds = {row[0]: row[1:] for row in csv_rows(client.get("/statistik/csv/art/"))[1:]}
    assert kinds["Dresden"] == ["5", SUPPRESSED, SUPPRESSED, "5"]
    assert kinds["Chemnitz"] == [SUPPRESSED, SUPPRESSED, SUPPRESSED, SUPPRESSED]


def test_submarkets_per_district_count_a_member_in_each_of_its_submarkets(client, members):
    rows = csv_rows(client.get("/statistik/csv/teilmaerkte-kreise/"))
    header, body = rows[0], {row[0]: row[1:] for row in rows[1:]}
    design = dict(zip(header[1:], body["Designwirtschaft"], strict=True))
    assert design["Leipzig"] == "6"
    assert design["Chemnitz"] == SUPPRESSED


def test_shares_of_availability(client, members):
    rows = {row[0]: row[1:] for row in csv_rows(client.get("/statistik/csv/verfuegbarkeit/"))[1:]}
    assert rows[str(_("Open for commissions"))] == ["5", "38 %"]
    assert rows[str(_("Looking for cooperation"))] == [SUPPRESSED, SUPPRESSED]


def test_growth_per_quarter_since_the_founding(client, reference_data):
    def published(day, count):
        moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
        ProfileFactory.create_batch(count, municipality=place("leipzig"), published_at=moment)

    published(datetime.date(2020, 2, 10), 5)
    published(datetime.date(2021, 5, 1), 3)
    published(datetime.date(2009, 1, 1), 1)  # before the Leipzig association's founding

    rows = dict(csv_rows(client.get("/statistik/csv/wachstum/?verband=leipzig"))[1:])
    quarters = list(rows)
    assert quarters[0].startswith(str(Profile.objects.first().association.founded_year))
    assert rows[quarters[0]] == SUPPRESSED  # the one from before counts from the founding
    assert rows["2019 Q4"] == SUPPRESSED
    assert rows["2020 Q1"] == "6"
    assert rows["2021 Q1"] == "6"
    assert rows["2021 Q2"] == "9"
    assert rows[quarters[-1]] == "9"


def test_the_association_filter(client, members):
    html = client.get(STATISTICS, {"verband": "leipzig"}).content.decode()
    districts = dict(table(html, _("Members per district"))[1:])
    assert set(districts) == {"Leipzig", "Landkreis Leipzig", "Nordsachsen"}
    assert 'href="/statistik/csv/kreise/?verband=leipzig"' in html
    rows = dict(csv_rows(client.get("/statistik/csv/kreise/?verband=dresden"))[1:])
    assert rows["Dresden"] == "5"
    assert "Leipzig" not in rows


@pytest.mark.parametrize("value", ["mars", "<script>", "x" * 300, "landesverband"])
def test_a_bad_association_gets_a_notice_and_all_of_saxony(client, members, value):
    response = client.get(STATISTICS, {"verband": value})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="notice"' in html
    assert "<script>" not in html
    assert len(table(html, _("Members per district"))) == 14
    assert client.get("/statistik/csv/kreise/", {"verband": value}).status_code == 200


def test_unknown_chart_and_lagebild_answer_404(client, members):
    assert client.get("/statistik/csv/gibt-es-nicht/").status_code == 404
    assert client.get("/statistik/lagebild/gibt-es-nicht/").status_code == 404
    assert client.get("/statistik/lagebild/kreis/gibt-es-nicht/").status_code == 404


def test_csv_cells_cannot_become_formulas(client, members):
    Submarket.objects.filter(slug="designwirtschaft").update(name="=HYPERLINK(1)")
    from verzeichnis.vocabulary import forget_vocabulary

    forget_vocabulary()
    rows = csv_rows(client.get("/statistik/csv/teilmaerkte/"))
    assert "'=HYPERLINK(1)" in [row[0] for row in rows]


@pytest.mark.parametrize(
    ("url", "heading"),
    [
        ("/statistik/lagebild/leipzig/", "Kreatives Leipzig"),
        ("/statistik/lagebild/landesverband/", "Saxony"),
        ("/statistik/lagebild/kreis/dresden/", "Dresden"),
    ],
)
def test_the_lagebild_is_one_printable_page(client, members, url, heading):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert str(_(heading)) in re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)
    assert "css/figures.css" in html  # its print rules (@media print)
    assert html.count('role="img"') >= 2
    assert "Q1</th>" not in html  # the growth table lists year ends only


def test_the_district_lagebild_counts_everyone_in_the_district(client, members):
    html = client.get("/statistik/lagebild/kreis/dresden/").content.decode()
    assert "<strong>5</strong> " + str(_("Members")) in html


@pytest.mark.parametrize("count", [1, 25])
def test_the_statistics_need_the_same_queries_for_any_number_of_members(
    client, reference_data, django_assert_max_num_queries, count
):
    ProfileFactory.create_batch(count, municipality=place("leipzig"))
    client.get("/karte/")  # the vocabulary is loaded once per process
    # Two reads of the facet counters and one grouped count per quarter; the statistics
    # page also counts consultations and event participants per year and averages their
    # ratings (one query each).
    for url, queries in (
        (f"{STATISTICS}?verband=leipzig", 7),
        ("/statistik/lagebild/kreis/goerlitz/", 3),
    ):
        with django_assert_max_num_queries(queries):
            client.get(url)


def test_an_activity_source_adds_a_chart_with_csv(client, members, monkeypatch):
    source = activity.Source(
        key="beratungen",
        title="Consultations per year",
        summary="Consultations held.",
        per_year=lambda scope: {2025: 12, 2026: 3},
    )
    monkeypatch.setattr(activity, "SOURCES", [source])
    html = client.get(STATISTICS).content.decode()
    assert "Consultations per year" in html
    rows = csv_rows(client.get("/statistik/csv/beratungen/"))
    assert rows[1:] == [["2025", "12"], ["2026", SUPPRESSED]]


class IdCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = []

    def handle_starttag(self, tag, attrs):
        self.ids += [value for name, value in attrs if name == "id"]


@pytest.mark.parametrize(
    "url", [STATISTICS, "/statistik/lagebild/chemnitz/", "/statistik/lagebild/kreis/zwickau/"]
)
def test_no_duplicate_ids(client, members, url):
    parser = IdCollector()
    parser.feed(client.get(url).content.decode())
    assert len(parser.ids) == len(set(parser.ids))


def test_statistics_in_english(client, members):
    response = client.get("/en/statistik/")
    assert response.status_code == 200
    assert response["Content-Language"] == "en"


def test_consultations_and_event_participants_per_year(client, members):
    from anmeldungen.models import Registration
    from beratung.models import Booking, Slot
    from tests.anmeldungen.registration_data import event_with_registration, registration
    from tests.beratung.beratung_data import booking, slot
    from veranstaltungen.models import Event

    last_year = timezone.now() - datetime.timedelta(days=366)
    for index in range(6):
        booking(slot(days=index + 1), email=f"b{index}@example.org")
    cancelled = booking(slot(days=9), email="c@example.org")
    Booking.objects.filter(pk=cancelled.pk).update(status=Booking.Status.CANCELLED)
    booking(slot(days=10), email="future@example.org")  # still ahead: not held yet
    Slot.objects.exclude(starts_at__gt=timezone.now() + datetime.timedelta(days=9.5)).update(
        starts_at=last_year
    )
    event = event_with_registration(capacity=10)
    for index in range(3):
        registration(event, name=f"Rita{index} Register")
    registration(event, name="Wanda Wait", status=Registration.Status.WAITLISTED)
    Event.objects.filter(pk=event.pk).update(starts_at=last_year)

    year = str(timezone.localtime(last_year).year)
    consultations = csv_rows(client.get("/statistik/csv/beratungen/"))
    assert consultations[1:] == [[year, "6"]]
    participants = csv_rows(client.get("/statistik/csv/teilnehmende/"))
    assert participants[1:] == [[year, SUPPRESSED]]
    # Per association: the Chemnitz advisor's consultations are not Leipzig's.
    assert csv_rows(client.get("/statistik/csv/beratungen/?verband=leipzig"))[1:] == []
    assert csv_rows(client.get("/statistik/csv/beratungen/?verband=chemnitz"))[1:] == [[year, "6"]]


def test_average_ratings_join_the_statistics_once_five_exist(client, members):
    from anmeldungen.models import Feedback as EventFeedback
    from beratung.models import Feedback as ConsultationFeedback
    from tests.anmeldungen.registration_data import event_with_registration
    from verbaende.models import Association

    chemnitz = Association.objects.get(slug="chemnitz")
    for rating in (5, 4, 4, 5, 3):
        ConsultationFeedback.objects.create(association=chemnitz, rating=rating)
    event = event_with_registration(capacity=10)
    for rating in (1, 5, 5, 5):
        EventFeedback.objects.create(event=event, rating=rating)

    sentence = _("Rated %(average)s of 5 on average (%(count)s ratings).")
    html = client.get(STATISTICS).content.decode()
    # Five consultation ratings: their average shows; four event ratings: not yet.
    assert sentence % {"average": "4,2", "count": 5} in html
    assert sentence % {"average": "4,0", "count": 4} not in html
    # Leipzig has no ratings of its own.
    leipzig = client.get(f"{STATISTICS}?verband=leipzig").content.decode()
    assert sentence % {"average": "4,2", "count": 5} not in leipzig
