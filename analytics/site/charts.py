"""Charts as inline SVG, so a page needs no script and no download to show them."""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from analytics.display import display_width


@dataclass(frozen=True)
class Bar:
    label: str  # government
    value: float
    shown: str  # the value as displayed, e.g. 99.82%
    tooltip: str  # the sentence behind the value


def _axis_bounds(values: list[float], kind: str) -> tuple[float, float]:
    low, high = min([0.0, *values]), max([0.0, *values])
    if kind == "rate":
        high = max(high, 100.0)  # rates read against the full 0–100 scale
    return low, (high if high > low else low + 1.0)


def bar_chart(bars: list[Bar], kind: str, title: str) -> Markup:
    """Horizontal bars, one per report; each bar's <title> is its sentence (the hover tooltip)."""
    row, gap, font = 30, 8, 14
    label_width = max((display_width(bar.label) for bar in bars), default=8) * font // 2 + 16
    plot_width, value_width = 460, 110
    width = label_width + plot_width + value_width
    height = len(bars) * (row + gap) + gap + 24
    low, high = _axis_bounds([bar.value for bar in bars], kind)

    def x(value: float) -> float:
        return label_width + (value - low) / (high - low) * plot_width

    parts = [f'<svg class="chart" role="img" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}"'
             f' width="{width}" height="{height}" aria-label="{escape(title)}">',
             f"<title>{escape(title)}</title>"]
    for index, bar in enumerate(bars):
        top = gap + index * (row + gap)
        start, end = sorted((x(0.0), x(bar.value)))
        parts.append(
            f'<g class="bar" data-organization="{escape(bar.label)}" data-value="{bar.value}">'
            f"<title>{escape(bar.label)}：{escape(bar.shown)} — {escape(bar.tooltip)}</title>"
            f'<text class="label" x="{label_width - 8}" y="{top + row / 2 + 5}" text-anchor="end">'
            f"{escape(bar.label)}</text>"
            f'<rect x="{start:.1f}" y="{top}" width="{max(end - start, 1.5):.1f}" height="{row}" rx="3"/>'
            f'<text class="value" x="{max(end, x(0.0)) + 6:.1f}" y="{top + row / 2 + 5}">{escape(bar.shown)}</text>'
            "</g>")
    axis_y = height - 18
    parts.append(f'<line class="axis" x1="{x(low):.1f}" x2="{x(high):.1f}" y1="{axis_y}" y2="{axis_y}"/>')
    for tick in (low, (low + high) / 2, high):
        parts.append(f'<text class="tick" x="{x(tick):.1f}" y="{height - 4}" text-anchor="middle">'
                     f"{escape(_tick(tick))}</text>")
    parts.append("</svg>")
    return Markup("".join(parts))


def _tick(value: float) -> str:
    if abs(value) >= 1e8:
        return f"{value / 1e8:g}亿"
    if abs(value) >= 1e4:
        return f"{value / 1e4:g}万"
    return f"{value:g}"


@dataclass(frozen=True)
class Point:
    year: int
    value: float
    shown: str
    tooltip: str


def trend_line(points: list[Point], kind: str, title: str) -> Markup:
    """A small line over report years; each dot's <title> is the value's sentence."""
    width, height, left, right, top, bottom = 360, 120, 36, 36, 22, 22
    years = [point.year for point in points]
    first, last = min(years), max(years)
    low, high = _axis_bounds([point.value for point in points], kind)

    def x(year: int) -> float:
        return left + (year - first) / max(last - first, 1) * (width - left - right)

    def y(value: float) -> float:
        return top + (high - value) / (high - low) * (height - top - bottom)

    path = " ".join(f"{x(point.year):.1f},{y(point.value):.1f}" for point in points)
    parts = [f'<svg class="chart trend" role="img" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}"'
             f' width="{width}" height="{height}" aria-label="{escape(title)}">',
             f"<title>{escape(title)}</title>", f'<polyline class="line" points="{path}"/>']
    for point in points:
        parts.append(
            f'<g class="point" data-year="{point.year}" data-value="{point.value}">'
            f"<title>{point.year}：{escape(point.shown)} — {escape(point.tooltip)}</title>"
            f'<circle cx="{x(point.year):.1f}" cy="{y(point.value):.1f}" r="4"/>'
            f'<text class="value" x="{x(point.year):.1f}" y="{y(point.value) - 8:.1f}" text-anchor="middle">'
            f"{escape(point.shown)}</text>"
            f'<text class="tick" x="{x(point.year):.1f}" y="{height - 6}" text-anchor="middle">{point.year}</text>'
            "</g>")
    parts.append("</svg>")
    return Markup("".join(parts))
