"""Accessible inline SVG charts, drawn on the server (no JavaScript, no CDN).

Every chart is an ``<svg role="img" aria-labelledby="<title id> <desc id>">``
with a <title> and a <desc> summarising it, text labels on its axes and its
values written on or next to the bars. Series differ by pattern, dash and
marker shape as well as colour, so nothing depends on colour alone. The
figures also sit in a <table> beside each chart, which is the accessible
source (the template places it there).
"""

import itertools
import math
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import mark_safe

_ids = itertools.count(1)

# Colours with at least 3:1 contrast against white, plus distinct patterns.
COLOURS = ["#1d4f91", "#b3431b", "#2f6b2f", "#6b3fa0"]
DASHES = ["", "6 4", "2 3", "10 3 2 3"]
MARKERS = ["circle", "square", "triangle", "diamond"]

WIDTH = 640
LABEL_WIDTH = 180
ROW_HEIGHT = 26
TOP = 16
BOTTOM = 56
LEFT = 64
RIGHT = 16
HEIGHT = 300


@dataclass
class Series:
    name: str
    values: list  # numbers or None


@dataclass
class Chart:
    id: str
    title: str
    description: str
    svg: str
    table_id: str = ""

    def __html__(self):
        return self.svg


@dataclass
class _Ids:
    base: str = field(default_factory=lambda: f"chart-{next(_ids)}")

    @property
    def title(self):
        return f"{self.base}-title"

    @property
    def desc(self):
        return f"{self.base}-desc"


def nice_max(value) -> float:
    """The axis top: 1, 2, 2.5 or 5 × a power of ten at or above value."""
    if not value or value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power  # pragma: no cover


def number(value, unit: str = "") -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and not value.is_integer():
        text = f"{value:,.1f}"
    else:
        text = f"{int(value):,}"
    if unit == "¥":
        return f"¥{text}"
    return f"{text}{unit}"


def _open(ids: _Ids, title: str, description: str, width: int, height: int) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="console-chart" role="img" '
        f'id="{ids.base}" aria-labelledby="{ids.title} {ids.desc}" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet">',
        f'<title id="{ids.title}">{escape(title)}</title>',
        f'<desc id="{ids.desc}">{escape(description)}</desc>',
        "<defs>",
        *(
            f'<pattern id="{ids.base}-p{n}" width="8" height="8" patternUnits="userSpaceOnUse" '
            f'patternTransform="rotate({45 + 90 * n})">'
            f'<rect width="8" height="8" fill="{colour}"/>'
            f'<line x1="0" y1="0" x2="0" y2="8" stroke="#fff" stroke-width="{2 + n}"/></pattern>'
            for n, colour in enumerate(COLOURS)
        ),
        "</defs>",
        # Presentation attributes, not a <style> element: the Content Security
        # Policy allows no inline styles (these charts are inline in admin pages).
        '<g font-family="sans-serif" font-size="12" fill="#1a1a1a">',
    ]


def _finish(ids, title, description, parts, table_id) -> Chart:
    parts.append("</g></svg>")
    return Chart(ids.base, title, description, mark_safe("".join(parts)), table_id)  # noqa: S308


def bar_chart(title: str, description: str, items, *, unit: str = "", table_id: str = "") -> Chart:
    """Horizontal bars, one per (label, value), each labelled with its value.
    Suits categories, areas, kinds (long text labels)."""
    ids = _Ids()
    items = [(str(label), value or 0) for label, value in items]
    height = TOP + max(len(items), 1) * ROW_HEIGHT + 8
    top = nice_max(max((value for _label, value in items), default=0))
    plot = WIDTH - LABEL_WIDTH - 90
    parts = _open(ids, title, description, WIDTH, height)
    if not items:
        parts.append(f'<text x="8" y="{TOP + 14}">{escape(_no_data())}</text>')
    for n, (label, value) in enumerate(items):
        y = TOP + n * ROW_HEIGHT
        length = plot * value / top if top else 0
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 15}" text-anchor="end">'
            f"{escape(_shorten(label, 26))}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{length:.1f}" height="{ROW_HEIGHT - 8}" '
            f'fill="url(#{ids.base}-p0)" stroke="#1a1a1a" stroke-width="1"/>'
            f'<text x="{LABEL_WIDTH + length + 6:.1f}" y="{y + 15}">{escape(number(value, unit))}</text>'
        )
    parts.append(
        f'<line class="axis" stroke="#555" x1="{LABEL_WIDTH}" y1="{TOP}" x2="{LABEL_WIDTH}" '
        f'y2="{TOP + max(len(items), 1) * ROW_HEIGHT}"/>'
    )
    return _finish(ids, title, description, parts, table_id)


def column_chart(
    title: str,
    description: str,
    labels,
    series: list[Series],
    *,
    unit: str = "",
    table_id: str = "",
) -> Chart:
    """Vertical bars over time (months): one bar per series per label, side by
    side, each series with its own hatch pattern and a legend."""
    return _time_chart(title, description, labels, series, unit, table_id, bars=True)


def line_chart(
    title: str,
    description: str,
    labels,
    series: list[Series],
    *,
    unit: str = "",
    table_id: str = "",
) -> Chart:
    """Lines over time (days, months): each series with its own dash pattern
    and marker shape and a legend."""
    return _time_chart(title, description, labels, series, unit, table_id, bars=False)


def _time_chart(title, description, labels, series, unit, table_id, *, bars) -> Chart:
    ids = _Ids()
    labels = [str(label) for label in labels]
    legend_height = 20 * len(series) if len(series) > 1 else 0
    height = HEIGHT + legend_height
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    values = [v for s in series for v in s.values if v is not None]
    top = nice_max(max(values, default=0))
    parts = _open(ids, title, description, WIDTH, height)
    # Grid and y axis labels (5 steps).
    for step in range(6):
        value = top * step / 5
        y = TOP + plot_h - plot_h * step / 5
        parts.append(
            f'<line class="grid" stroke="#ccc" x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{escape(number(value, unit))}</text>'
        )
    parts.append(
        f'<line class="axis" stroke="#555" x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" y2="{TOP + plot_h}"/>'
    )
    count = max(len(labels), 1)
    slot = plot_w / count
    every = max(1, math.ceil(count / 12))  # at most twelve x labels
    for n, label in enumerate(labels):
        if n % every == 0:
            x = LEFT + slot * (n + 0.5)
            parts.append(
                f'<text x="{x:.1f}" y="{TOP + plot_h + 16}" text-anchor="end" '
                f'transform="rotate(-35 {x:.1f} {TOP + plot_h + 16})">{escape(label)}</text>'
            )
    if not values:
        parts.append(f'<text x="{LEFT + 8}" y="{TOP + 20}">{escape(_no_data())}</text>')
    for s_index, item in enumerate(series):
        colour = COLOURS[s_index % len(COLOURS)]
        if bars:
            width = slot * 0.8 / max(len(series), 1)
            for n, value in enumerate(item.values):
                if value is None:
                    continue
                h = plot_h * value / top
                x = LEFT + slot * n + slot * 0.1 + width * s_index
                parts.append(
                    f'<rect x="{x:.1f}" y="{TOP + plot_h - h:.1f}" width="{width:.1f}" '
                    f'height="{h:.1f}" fill="url(#{ids.base}-p{s_index % len(COLOURS)})" '
                    f'stroke="#1a1a1a" stroke-width="1"><title>{escape(labels[n])}: '
                    f"{escape(number(value, unit))}</title></rect>"
                )
        else:
            points = [
                (LEFT + slot * (n + 0.5), TOP + plot_h - plot_h * value / top, value, n)
                for n, value in enumerate(item.values)
                if value is not None
            ]
            if points:
                path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _v, _n in points)
                dash = DASHES[s_index % len(DASHES)]
                parts.append(
                    f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"'
                    + (f' stroke-dasharray="{dash}"' if dash else "")
                    + "/>"
                )
                if len(points) <= 62:
                    for x, y, value, n in points:
                        parts.append(
                            _marker(
                                MARKERS[s_index % len(MARKERS)],
                                x,
                                y,
                                colour,
                                f"{labels[n]}: {number(value, unit)}",
                            )
                        )
    if len(series) > 1:
        for s_index, item in enumerate(series):
            y = HEIGHT + 20 * s_index + 4
            colour = COLOURS[s_index % len(COLOURS)]
            if bars:
                sample = (
                    f'<rect x="{LEFT}" y="{y - 6}" width="24" height="12" '
                    f'fill="url(#{ids.base}-p{s_index % len(COLOURS)})" stroke="#1a1a1a"/>'
                )
            else:
                dash = DASHES[s_index % len(DASHES)]
                sample = (
                    f'<line x1="{LEFT}" y1="{y}" x2="{LEFT + 24}" y2="{y}" stroke="{colour}" '
                    f'stroke-width="2"'
                    + (f' stroke-dasharray="{dash}"' if dash else "")
                    + "/>"
                    + _marker(MARKERS[s_index % len(MARKERS)], LEFT + 12, y, colour, "")
                )
            parts.append(sample + f'<text x="{LEFT + 32}" y="{y + 4}">{escape(item.name)}</text>')
    return _finish(ids, title, description, parts, table_id)


def _marker(shape, x, y, colour, label) -> str:
    tip = f"<title>{escape(label)}</title>" if label else ""
    if shape == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}">{tip}</rect>'
    if shape == "triangle":
        return (
            f'<polygon points="{x:.1f},{y - 5:.1f} {x + 5:.1f},{y + 4:.1f} {x - 5:.1f},{y + 4:.1f}" '
            f'fill="{colour}">{tip}</polygon>'
        )
    if shape == "diamond":
        return (
            f'<polygon points="{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f} '
            f'{x - 5:.1f},{y:.1f}" fill="{colour}">{tip}</polygon>'
        )
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}">{tip}</circle>'


def _shorten(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def _no_data() -> str:
    from django.utils.translation import gettext

    return gettext("No data for this period.")
