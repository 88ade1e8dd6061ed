"""Server-rendered SVG charts: the geometry in Python, the markup in templates/statistik/.

Every chart has a title and a description for assistive technology, a one-sentence summary,
the same numbers as a table and as CSV. A count below five (statistik.privacy) is drawn as a
dashed box reaching to five, never as a bar of its true length, and written "< 5".
"""

import math
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import mark_safe

from statistik.privacy import MIN_COUNT, csv_value, is_suppressed, shown

WIDTH = 720
LABEL_WIDTH = 250
VALUE_WIDTH = 70
ROW_HEIGHT = 26
BAR_HEIGHT = 18


@dataclass
class Bar:
    x: float
    width: float
    css: str
    label: str = ""


@dataclass
class Row:
    label: str
    y: float
    bars: list
    value: str
    value_x: float


@dataclass
class Chart:
    key: str
    kind: str  # "bar", "stacked", "line" or "multiples"
    title: str
    summary: str
    header: list
    rows: list  # table rows as shown: [label, cell, ...]
    csv_rows: list  # the same with plain numbers
    width: int = WIDTH
    height: int = 0
    plot: list = field(default_factory=list)  # Row objects, or points of a line
    legend: list = field(default_factory=list)  # (css class, label)
    ticks: list = field(default_factory=list)  # line charts: (y, label) and (x, label)
    x_ticks: list = field(default_factory=list)
    line: str = ""
    parts: list = field(default_factory=list)  # small multiples: Chart per panel
    label_width: int = LABEL_WIDTH

    @property
    def dom_id(self):
        return f"chart-{self.key}"

    @property
    def label_x(self):
        return self.label_width - 8

    def svg(self):
        return svg(self)

    def table(self):
        return table(self)

    @property
    def description(self):
        """The numbers in words, for assistive technology (the SVG's <desc>)."""
        return "; ".join(f"{row[0]}: {', '.join(map(str, row[1:]))}" for row in self.rows)


def _scale(values):
    return max([MIN_COUNT, *values])


def _bar(value, largest, area, x, css):
    if is_suppressed(value):
        return Bar(x, MIN_COUNT / largest * area, "series-0")
    return Bar(x, value / largest * area, css)


def bar_chart(key, title, summary, header, items, *, width=WIDTH, label_width=LABEL_WIDTH):
    """Horizontal bars; `items` are (label, count)."""
    largest = _scale([value for _, value in items])
    area = width - label_width - VALUE_WIDTH
    rows = []
    for index, (label, value) in enumerate(items):
        bar = _bar(value, largest, area, label_width, "series-1")
        y = index * ROW_HEIGHT + 4
        rows.append(Row(label, y, [bar], shown(value), label_width + bar.width + 6))
    return Chart(
        key=key,
        kind="bar",
        title=title,
        summary=summary,
        header=header,
        rows=[[label, shown(value)] for label, value in items],
        csv_rows=[[label, csv_value(value)] for label, value in items],
        width=width,
        height=len(items) * ROW_HEIGHT + 8,
        plot=rows,
        label_width=label_width,
    )


def stacked_bar_chart(key, title, summary, header, series, items):
    """Bars of several parts; `series` are the parts' labels, `items` (label, [counts]).

    Only parts of five or more are drawn: a smaller part would show its size by the length
    it adds. A row whose total is below five is a dashed box, like in a bar chart.
    """
    largest = _scale([sum(values) for _, values in items])
    area = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    rows = []
    for index, (label, values) in enumerate(items):
        x, bars, total = LABEL_WIDTH, [], sum(values)
        if is_suppressed(total):
            bars.append(_bar(total, largest, area, x, "series-0"))
            x += bars[0].width
        else:
            for number, value in enumerate(values, start=1):
                if is_suppressed(value):
                    continue
                bar = _bar(value, largest, area, x, f"series-{number}")
                bar.label = f"{series[number - 1]}: {shown(value)}"
                bars.append(bar)
                x += bar.width
        rows.append(Row(label, index * ROW_HEIGHT + 4, bars, shown(total), x + 6))
    return Chart(
        key=key,
        kind="stacked",
        title=title,
        summary=summary,
        header=header,
        rows=[[label, *map(shown, values), shown(sum(values))] for label, values in items],
        csv_rows=[
            [label, *map(csv_value, values), csv_value(sum(values))] for label, values in items
        ],
        height=len(items) * ROW_HEIGHT + 8,
        plot=rows,
        legend=[(f"series-{n}", name) for n, name in enumerate(series, start=1)],
    )


def nice_ceiling(value):
    power = 10 ** math.floor(math.log10(max(value, 1)))
    for factor in (1, 2, 5, 10):
        if factor * power >= value:
            return int(factor * power)
    return int(10 * power)


def line_chart(key, title, summary, header, points):
    """A line over time; `points` are (label, year, count). Counts below five are left out
    of the line (it starts once there are five)."""
    left, right, top, bottom, height = 56, 16, 12, 32, 260
    step_size = nice_ceiling(_scale([value for _, _, value in points]) / 4)
    largest = 4 * step_size
    plot_width, plot_height = WIDTH - left - right, height - top - bottom
    step = plot_width / max(len(points) - 1, 1)

    def y_of(value):
        return top + plot_height - value / largest * plot_height

    coordinates = [
        (left + index * step, y_of(value))
        for index, (_, _, value) in enumerate(points)
        if not is_suppressed(value)
    ]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in coordinates)
    ticks = [(y_of(step_size * i), shown(step_size * i) if i else "0") for i in range(5)]
    years = sorted({year for _, year, _ in points})
    every = max(1, math.ceil(len(years) / 10))
    x_ticks, seen = [], set()
    for index, (_, year, _) in enumerate(points):
        if year not in seen:
            seen.add(year)
            if (year - years[0]) % every == 0:
                x_ticks.append((left + index * step, str(year)))
    return Chart(
        key=key,
        kind="line",
        title=title,
        summary=summary,
        header=header,
        rows=[[label, shown(value)] for label, _, value in points],
        csv_rows=[[label, csv_value(value)] for label, _, value in points],
        height=height,
        plot=[{"x": x, "y": y} for x, y in coordinates[-1:]],
        ticks=[{"y": y, "label": label, "x1": left, "x2": WIDTH - right} for y, label in ticks],
        x_ticks=[{"x": x, "label": label, "y": height - 10} for x, label in x_ticks],
        line=line,
    )


# Markup ----------------------------------------------------------------------------------
# Built here rather than in a template: a page holds some two hundred bars, and template
# loops over them made the rendering the most expensive part of the page.


def _n(value) -> str:
    """A coordinate for an SVG attribute: never localised ("12.5", not "12,5")."""
    return f"{value:.1f}".removesuffix(".0")


def svg(chart) -> str:
    dom_id = escape(chart.dom_id)
    parts = [
        f'<svg class="chart__svg" viewBox="0 0 {chart.width} {chart.height}" role="img" '
        f'aria-labelledby="{dom_id}-title {dom_id}-desc">',
        f'<title id="{dom_id}-title">{escape(chart.title)}</title>',
        f'<desc id="{dom_id}-desc">{escape(chart.description)}</desc>',
    ]
    if chart.kind == "line":
        for tick in chart.ticks:
            y = _n(tick["y"])
            parts.append(
                f'<line class="chart__grid" x1="{tick["x1"]}" x2="{tick["x2"]}" y1="{y}" '
                f'y2="{y}"/><text x="{tick["x1"] - 6}" y="{y}" text-anchor="end" '
                f'dominant-baseline="middle">{escape(tick["label"])}</text>'
            )
        for tick in chart.x_ticks:
            parts.append(
                f'<text x="{_n(tick["x"])}" y="{tick["y"]}" text-anchor="middle">'
                f"{escape(tick['label'])}</text>"
            )
        if chart.line:
            parts.append(f'<polyline class="chart__line" points="{chart.line}"/>')
        for point in chart.plot:
            parts.append(
                f'<circle class="chart__dot" cx="{_n(point["x"])}" cy="{_n(point["y"])}" r="4"/>'
            )
    else:
        parts.append(
            f'<line class="chart__axis" x1="{chart.label_width}" x2="{chart.label_width}" '
            f'y1="0" y2="{chart.height}"/>'
        )
        for row in chart.plot:
            text_y = row.y + 13
            parts.append(
                f'<text x="{chart.label_x}" y="{text_y}" text-anchor="end">'
                f"{escape(row.label)}</text>"
            )
            for bar in row.bars:
                title = f"<title>{escape(bar.label)}</title>" if bar.label else ""
                parts.append(
                    f'<rect class="{bar.css}" x="{_n(bar.x)}" y="{row.y}" width="{_n(bar.width)}" '
                    f'height="{BAR_HEIGHT}">{title}</rect>'
                )
            parts.append(
                f'<text class="chart__value" x="{_n(row.value_x)}" y="{text_y}">'
                f"{escape(row.value)}</text>"
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


NUMERIC = ' class="num"'


def table(chart) -> str:
    """The chart's numbers as a table: the first column names the row."""
    head = "".join(
        f'<th scope="col"{NUMERIC if index else ""}>{escape(label)}</th>'
        for index, label in enumerate(chart.header)
    )
    body = []
    for row in chart.rows:
        cells = [f'<th scope="row">{escape(row[0])}</th>']
        cells += [f'<td class="num">{escape(cell)}</td>' for cell in row[1:]]
        body.append(f"<tr>{''.join(cells)}</tr>")
    return mark_safe(  # noqa: S308 - every text is escaped
        f'<div class="table-scroll"><table class="data-table"><caption>{escape(chart.title)}'
        f"</caption><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )
