"""The server-drawn SVG charts: named, labelled, escaped, readable without colour."""

from html.parser import HTMLParser

from machikado.console import charts


class Svg(HTMLParser):
    def __init__(self, markup):
        super().__init__()
        self.tags, self.texts, self._text = [], [], None
        self.feed(str(markup))

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("text", "title", "desc"):
            self._text = tag

    def handle_data(self, data):
        if self._text:
            self.texts.append((self._text, data))

    def handle_endtag(self, tag):
        self._text = None

    def first(self, tag):
        return next(attrs for name, attrs in self.tags if name == tag)

    def count(self, tag):
        return sum(1 for name, _attrs in self.tags if name == tag)


def test_nice_axis_top():
    assert [charts.nice_max(v) for v in (0, 1, 7, 12, 240, 4600, 10001)] == [
        1, 1, 10, 20, 250, 5000, 20000,
    ]  # fmt: skip


def test_bar_chart_names_itself_and_labels_every_bar():
    chart = charts.bar_chart(
        "Sales by area", "Bars per area", [("鬼石", 6400), ("<藤岡>", 1000)], unit="¥"
    )
    svg = Svg(chart.svg)
    root = svg.first("svg")
    assert root["role"] == "img"
    title_id, desc_id = root["aria-labelledby"].split()
    assert svg.first("title")["id"] == title_id and svg.first("desc")["id"] == desc_id
    texts = [text for tag, text in svg.texts if tag == "text"]
    assert texts == ["鬼石", "¥6,400", "<藤岡>", "¥1,000"]  # escaped in the markup
    assert "&lt;藤岡&gt;" in str(chart.svg)
    bars = [a for t, a in svg.tags if t == "rect" and a.get("fill", "").startswith("url(#")]
    assert len(bars) == 2 and all(b["stroke"] == "#1a1a1a" for b in bars)  # outlined and hatched
    assert float(bars[0]["width"]) > float(bars[1]["width"]) * 6


def test_two_series_differ_by_pattern_dash_and_marker_with_a_legend():
    labels = ["2026-03", "2026-04"]
    series = [
        charts.Series("This period", [4600, 2800]),
        charts.Series("A year earlier", [1000, 2800]),
    ]
    columns = Svg(charts.column_chart("Gross", "Columns", labels, series, unit="¥").svg)
    fills = {a["fill"] for t, a in columns.tags if t == "rect" and "url(#" in a.get("fill", "")}
    assert len(fills) == 2  # two hatch patterns
    assert ("text", "This period") in columns.texts and ("text", "A year earlier") in columns.texts
    lines = Svg(charts.line_chart("Views", "Lines", labels, series).svg)
    polylines = [a for t, a in lines.tags if t == "polyline"]
    assert "stroke-dasharray" not in polylines[0] and polylines[1]["stroke-dasharray"] == "6 4"
    assert lines.count("circle") >= 2 and lines.count("rect") >= 2  # circles vs squares


def test_empty_chart_says_so():
    svg = Svg(charts.line_chart("Views", "Lines", ["2026-03"], [charts.Series("Views", [0])]).svg)
    assert svg.first("svg")["role"] == "img"
    svg = Svg(charts.bar_chart("Nothing", "No bars", []).svg)
    assert any(tag == "text" and text for tag, text in svg.texts)


def test_many_days_keep_at_most_twelve_axis_labels():
    labels = [f"day{n}" for n in range(366)]
    svg = Svg(
        charts.line_chart("Views", "Lines", labels, [charts.Series("Views", list(range(366)))]).svg
    )
    day_labels = [text for tag, text in svg.texts if tag == "text" and text.startswith("day")]
    assert 10 <= len(day_labels) <= 12
    assert svg.count("circle") == 0  # no markers on a dense line
