"""Charts as inline SVG, so a page needs no script and no download to show them."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Bar:
    label: str  # government and report year
    value: float
    shown: str  # the value as displayed, e.g. 99.82%
    tooltip: str  # the sentence behind the value
    organization: str = ""


def _axis_bounds(values: list[float], kind: str) -> tuple[float, float]:
    low, high = min([0.0, *values]), max([0.0, *values])
    if kind == "rate":
        high = max(high, 100.0)  # rates read against the full 0–100 scale
    return low, (high if high > low else low + 1.0)


def bar_chart(bars: list[Bar], kind: str, title: str) -> Markup:
    """Horizontal bars, each under its label, so the chart stays narrow enough to read on a phone;
    each bar's <title> is its sentence (the hover tooltip)."""
    label_h, bar_h, gap = 18, 16, 10
    plot_width, value_width = 380, 100
    width = plot_width + value_width
    row = label_h + bar_h + gap
    height = len(bars) * row + 24
    low, high = _axis_bounds([bar.value for bar in bars], kind)

    def x(value: float) -> float:
        return (value - low) / (high - low) * plot_width

    parts = [f'<svg class="chart" role="img" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}"'
             f' width="{width}" height="{height}" aria-label="{escape(title)}">',
             f"<title>{escape(title)}</title>"]
    for index, bar in enumerate(bars):
        top = index * row
        start, end = sorted((x(0.0), x(bar.value)))
        parts.append(
            f'<g class="bar" data-organization="{escape(bar.organization or bar.label)}" data-value="{bar.value}">'
            f"<title>{escape(bar.label)}：{escape(bar.shown)} — {escape(bar.tooltip)}</title>"
            f'<text class="label" x="0" y="{top + 14}">{escape(bar.label)}</text>'
            f'<rect x="{start:.1f}" y="{top + label_h}" width="{max(end - start, 1.5):.1f}" height="{bar_h}" rx="3"/>'
            f'<text class="value" x="{max(end, x(0.0)) + 6:.1f}" y="{top + label_h + 13}">{escape(bar.shown)}</text>'
            "</g>")
    axis_y = height - 18
    parts.append(f'<line class="axis" x1="{x(low):.1f}" x2="{x(high):.1f}" y1="{axis_y}" y2="{axis_y}"/>')
    for tick, anchor in ((low, "start"), ((low + high) / 2, "middle"), (high, "end")):
        parts.append(f'<text class="tick" x="{x(tick):.1f}" y="{height - 4}" text-anchor="{anchor}">'
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


@dataclass(frozen=True)
class Bin:
    low: float
    high: float
    count: int


def bins(values: list[float], count: int = 20) -> list[Bin]:
    """Equal-width bins over the values' range (the last bin closed): rates cluster near 100, and
    bins over 0–100 would draw them as one column."""
    if not values:
        return []
    low, high = min(values), max(values)
    if high <= low:
        return [Bin(low, high, len(values))]
    width = (high - low) / count
    counts = [0] * count
    for value in values:
        counts[min(int((value - low) / width), count - 1)] += 1
    return [Bin(low + i * width, low + (i + 1) * width, n) for i, n in enumerate(counts)]


def histogram(values: list[float], title: str, shown: Callable[[float], str], median: float | None = None) -> Markup:
    """How the values spread: one column per bin, its count on top; the median marked. A reader sees
    the distribution of thousands of reports in one chart of fixed size."""
    width, height, left, right, top, bottom = 720, 220, 44, 16, 18, 40
    groups = bins(values)
    if not groups:
        return Markup("")
    tallest = max(group.count for group in groups)
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / len(groups)
    low, high = groups[0].low, groups[-1].high
    parts = [f'<svg class="chart histogram" role="img" xmlns="http://www.w3.org/2000/svg"'
             f' viewBox="0 0 {width} {height}" width="{width}" height="{height}" aria-label="{escape(title)}">',
             f"<title>{escape(title)}</title>"]
    for index, group in enumerate(groups):
        bar_h = group.count / tallest * plot_h if tallest else 0
        x, y = left + index * step, top + plot_h - bar_h
        parts.append(
            f'<g class="bin" data-low="{group.low}" data-high="{group.high}" data-count="{group.count}">'
            f"<title>{escape(shown(group.low))} – {escape(shown(group.high))}：{group.count} 份报告</title>"
            f'<rect x="{x + 1:.1f}" y="{y:.1f}" width="{max(step - 2, 1):.1f}" height="{max(bar_h, 0):.1f}"/>'
            + (f'<text class="value" x="{x + step / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle">{group.count}</text>'
               if group.count else "") + "</g>")
    axis_y = top + plot_h
    parts.append(f'<line class="axis" x1="{left}" x2="{left + plot_w}" y1="{axis_y}" y2="{axis_y}"/>')
    for fraction in (0, 0.5, 1):
        value = low + (high - low) * fraction
        parts.append(f'<text class="tick" x="{left + plot_w * fraction:.1f}" y="{axis_y + 16}" text-anchor="middle">'
                     f"{escape(shown(value))}</text>")
    if median is not None and high > low:
        x = left + (median - low) / (high - low) * plot_w
        parts.append(f'<line class="median" x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{axis_y}"/>'
                     f'<text class="tick" x="{x:.1f}" y="{axis_y + 32}" text-anchor="middle">'
                     f"中位数 {escape(shown(median))}</text>")
    parts.append("</svg>")
    return Markup("".join(parts))
