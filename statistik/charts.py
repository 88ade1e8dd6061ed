"""Server-rendered SVG charts: the geometry in Python, the markup in templates/statistik/.

Every chart has a title and a description for assistive technology, a one-sentence summary,
the same numbers as a table and as CSV. A count below five (statistik.privacy) is drawn as a
dashed box reaching to five, never as a bar of its true length, and written "< 5".
"""

import math
from dataclasses import dataclass, field

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


def line_chart(key, title, summary, header, points, *, x_label):
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
