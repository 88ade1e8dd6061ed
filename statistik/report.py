"""The charts of one scope, with titles, summaries and tables in the page's language."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from mitglieder.models import Profile
from statistik import activity
from statistik.charts import bar_chart, line_chart, stacked_bar_chart
from statistik.figures import figures
from statistik.privacy import is_suppressed, share, shown
from verzeichnis.vocabulary import load_vocabulary

CHART_KEYS = (
    "kreise",
    "teilmaerkte",
    "teilmaerkte-kreise",
    "art",
    "wachstum",
    "verfuegbarkeit",
)


class Report:
    def __init__(self, scope):
        self.scope = scope
        self.numbers = figures(scope)
        self.districts = scope.districts()
        self.submarkets = load_vocabulary().submarkets

    # Key figures ---------------------------------------------------------------------
    def key_figures(self):
        numbers = self.numbers
        kinds = numbers["by_kind"]
        return [
            (_("Members"), shown(numbers["total"])),
            (_("Persons"), shown(kinds.get(Profile.Kind.PERSON, 0))),
            (_("Companies"), shown(kinds.get(Profile.Kind.COMPANY, 0))),
            (_("Collectives and initiatives"), shown(kinds.get(Profile.Kind.COLLECTIVE, 0))),
            (_("Open for commissions"), share(numbers["commissions"], numbers["total"])),
            (_("Looking for cooperation"), share(numbers["cooperation"], numbers["total"])),
        ]

    # Charts --------------------------------------------------------------------------
    def charts(self):
        return [getattr(self, key.replace("-", "_"))() for key in CHART_KEYS] + self.activity()

    def chart(self, key):
        if key in CHART_KEYS:
            return getattr(self, key.replace("-", "_"))()
        return next((chart for chart in self.activity() if chart.key == key), None)

    def kreise(self):
        items = [(d.name, self.numbers["by_district"].get(d.pk, 0)) for d in self.districts]
        return bar_chart(
            "kreise",
            _("Members per district"),
            self._leader_sentence(items, _("Most members work in %(leader)s (%(count)s).")),
            [_("District"), _("Members")],
            items,
        )

    def teilmaerkte(self):
        items = [
            (s.localized_name, self.numbers["by_submarket"].get(s.pk, 0)) for s in self.submarkets
        ]
        return bar_chart(
            "teilmaerkte",
            _("Members per submarket"),
            self._leader_sentence(
                items,
                _(
                    "The largest submarket is %(leader)s (%(count)s). A member active in "
                    "several submarkets counts in each."
                ),
            ),
            [_("Submarket"), _("Members")],
            items,
        )

    def teilmaerkte_kreise(self):
        cells = self.numbers["by_submarket_district"]
        parts = []
        for index, submarket in enumerate(self.submarkets):
            items = [(d.name, cells.get((submarket.pk, d.pk), 0)) for d in self.districts]
            parts.append(
                bar_chart(
                    f"teilmaerkte-kreise-{index}",
                    submarket.localized_name,
                    "",
                    [],
                    items,
                    width=440,
                    label_width=235,
                )
            )
        # As a table: one row per submarket, one column per district.
        rows, csv_rows = [], []
        for part in parts:
            rows.append([part.title, *(row[1] for row in part.rows)])
            csv_rows.append([part.title, *(row[1] for row in part.csv_rows)])
        best = max(
            (
                (cells.get((s.pk, d.pk), 0), s.localized_name, d.name)
                for s in self.submarkets
                for d in self.districts
            ),
            default=(0, "", ""),
        )
        summary = (
            _("The strongest combination is %(submarket)s in %(district)s (%(count)s).")
            % {"submarket": best[1], "district": best[2], "count": shown(best[0])}
            if not is_suppressed(best[0])
            else _("Every combination of submarket and district has fewer than five members.")
        )
        result = bar_chart("teilmaerkte-kreise", _("Submarkets per district"), summary, [], [])
        result.kind = "multiples"
        result.parts = parts
        result.header = [_("Submarket"), *(d.name for d in self.districts)]
        result.rows, result.csv_rows = rows, csv_rows
        return result

    def art(self):
        kinds = list(Profile.Kind)
        cells = self.numbers["by_district_kind"]
        items = [(d.name, [cells.get((d.pk, k.value), 0) for k in kinds]) for d in self.districts]
        by_kind = self.numbers["by_kind"]
        persons = by_kind.get(Profile.Kind.PERSON, 0)
        companies = by_kind.get(Profile.Kind.COMPANY, 0)
        summary = _(
            "%(persons)s persons and %(companies)s companies; the rest are collectives."
        ) % {
            "persons": shown(persons),
            "companies": shown(companies),
        }
        return stacked_bar_chart(
            "art",
            _("Persons, companies and collectives per district"),
            summary,
            [_("District"), *(k.label for k in kinds), _("Total")],
            [str(k.label) for k in kinds],
            items,
        )

    def wachstum(self):
        points = [
            (f"{year} Q{quarter}", year, count) for (year, quarter), count in self.numbers["growth"]
        ]
        founded = self.scope.founded
        summary = _("%(count)s members today, counted since the founding in %(year)s.") % {
            "count": shown(points[-1][2] if points else 0),
            "year": founded.year,
        }
        return line_chart(
            "wachstum",
            _("Growth per quarter since the founding"),
            summary,
            [pgettext("time period", "Quarter"), _("Members at its end")],
            points,
        )

    def yearly_growth(self):
        """The growth chart with a table of the year ends only (the Lagebild's one page)."""
        chart = self.wachstum()
        chart.rows = [row for row in chart.rows if row[0].endswith("Q4")] + (
            [] if chart.rows[-1][0].endswith("Q4") else chart.rows[-1:]
        )
        chart.csv_rows = []
        return chart

    def verfuegbarkeit(self):
        numbers = self.numbers
        items = [
            (_("Open for commissions"), numbers["commissions"]),
            (_("Looking for cooperation"), numbers["cooperation"]),
        ]
        chart = bar_chart(
            "verfuegbarkeit",
            _("Open for commissions and looking for cooperation"),
            _(
                "%(commissions)s of members are open for commissions, %(cooperation)s look "
                "for cooperation."
            )
            % {
                "commissions": share(numbers["commissions"], numbers["total"]),
                "cooperation": share(numbers["cooperation"], numbers["total"]),
            },
            [_("Availability"), _("Members"), _("Share")],
            items,
        )
        for row, csv_row, (_label, count) in zip(chart.rows, chart.csv_rows, items, strict=True):
            row.append(share(count, numbers["total"]))
            csv_row.append(share(count, numbers["total"]))
        for row, (_label, count) in zip(chart.plot, items, strict=True):
            if not is_suppressed(count):
                row.value = f"{row.value} ({share(count, numbers['total'])})"
        return chart

    def activity(self):
        """Consultations and event participants per year, once those apps exist
        (statistik.activity)."""
        charts = []
        for source in activity.SOURCES:
            per_year = source.per_year(self.scope)
            items = [(str(year), per_year[year]) for year in sorted(per_year)]
            summary = str(source.summary) if items else str(_("No figures yet."))
            if source.ratings is not None:
                summary = " ".join(filter(None, [summary, self._rating_sentence(source)]))
            charts.append(
                bar_chart(
                    source.key,
                    str(source.title),
                    summary,
                    [_("Year"), str(source.title)],
                    items,
                )
            )
        return charts

    def _rating_sentence(self, source):
        """The average rating, once enough ratings exist to hide who gave which."""
        count, average = source.ratings(self.scope)
        if is_suppressed(count):
            return ""
        return _("Rated %(average)s of 5 on average (%(count)s ratings).") % {
            "average": number_format(average, decimal_pos=1),
            "count": count,
        }

    @staticmethod
    def _leader_sentence(items, sentence):
        if not items:
            return ""
        leader, count = max(items, key=lambda item: item[1])
        if is_suppressed(count):
            return _("Fewer than five members in each.")
        return sentence % {"leader": leader, "count": shown(count)}
