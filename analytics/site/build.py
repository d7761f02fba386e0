"""The report site: static HTML pages with inline SVG charts, readable offline from file://."""
from __future__ import annotations

import json
import shutil
from itertools import groupby
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from analytics.labels import KIND_NAMES, LEVEL_NAMES, MANDATED_PARTS, PART_NAMES
from analytics.site.charts import Bar, Point, bar_chart, trend_line
from analytics.site.data import Indicator, SiteData, load_site_data
from analytics.site.formatting import display_change, display_change_pct, display_value, highlighted
from analytics.snapshot import connect


def _environment() -> Environment:
    environment = Environment(loader=PackageLoader("analytics.site", "templates"),
                              autoescape=select_autoescape(["html"]), undefined=StrictUndefined,
                              trim_blocks=True, lstrip_blocks=True)
    environment.globals.update(part_names=PART_NAMES, level_names=LEVEL_NAMES, kind_names=KIND_NAMES,
                               mandated=MANDATED_PARTS, highlighted=highlighted,
                               display_value=display_value, display_change=display_change,
                               display_change_pct=display_change_pct)
    return environment


def indicator_chart(indicator: Indicator) -> Markup:
    bars = [Bar(value.organization, value.value, display_value(value.value, indicator.kind, value.unit),
                value.sentence or value.text) for value in indicator.values]
    return bar_chart(bars, indicator.kind, f"{indicator.name_zh}：各报告的数值")


def series_charts(indicator: Indicator) -> list[tuple[str, Markup]]:
    """(government, its trend line) for each government stating the indicator in two or more years."""
    return [(series.name, trend_line(
        [Point(p.year, p.value, display_value(p.value, indicator.kind, p.unit), p.sentence or "") for p in series.points],
        indicator.kind, f"{series.name}：{indicator.name_zh}历年数值")) for series in indicator.series]


def _compare_json(data: SiteData) -> Markup:
    payload = {
        "parts": [[part, PART_NAMES[part]] for part in MANDATED_PARTS],
        "reports": [{"id": r.report_id, "organization": r.organization, "year": r.report_year,
                     "level": LEVEL_NAMES.get(r.admin_level or "", r.admin_level), "parts": r.parts,
                     "figures": len(r.figures)} for r in data.reports],
        "indicators": [{"code": i.code, "name": i.name_zh} for i in data.indicators],
        "values": {},
        "keywords": {r.report_id: r.keywords[:10] for r in data.reports},
    }
    for indicator in data.indicators:
        for value in indicator.values:
            payload["values"].setdefault(value.report_id, {})[indicator.code] = {
                "shown": display_value(value.value, indicator.kind, value.unit), "sentence": value.sentence}
    # "</" would end the <script> element early; JSON allows the escaped slash.
    return Markup(json.dumps(payload, ensure_ascii=False).replace("</", "<\\/"))


def render_pages(data: SiteData, snapshot_name: str) -> dict[str, str]:
    """Relative path → HTML of every page; pure, so it is tested without touching the disk."""
    environment = _environment()
    common = {"dimension_names": data.dimension_names, "snapshot_name": snapshot_name}
    pages = {
        "index.html": environment.get_template("index.html").render(
            root="", reports=data.reports, indicators=data.indicators,
            figure_total=sum(len(r.figures) for r in data.reports),
            complete=sum(all(r.parts.values()) for r in data.reports), **common),
        "compare.html": environment.get_template("compare.html").render(
            root="", reports=data.reports, data_json=_compare_json(data), **common),
    }
    dimension_order = {code: index for index, code in enumerate(data.dimension_names)}
    by_dimension = sorted(data.indicators, key=lambda i: (dimension_order.get(i.dimension or "", 99),
                                                          -len(i.values), i.code))
    pages["indicators.html"] = environment.get_template("indicators.html").render(
        root="", indicators=data.indicators, catalog_size=data.catalog_size,
        groups=[(code, list(group)) for code, group in groupby(by_dimension, key=lambda i: i.dimension)],
        **common)
    report_template = environment.get_template("report.html")
    for report in data.reports:
        pages[f"reports/{report.report_id}.html"] = report_template.render(root="../", r=report, **common)
    indicator_template = environment.get_template("indicator.html")
    for indicator in data.indicators:
        pages[f"indicators/{indicator.code}.html"] = indicator_template.render(
            root="../", ind=indicator, chart=indicator_chart(indicator), trend_charts=series_charts(indicator),
            shown=[display_value(v.value, indicator.kind, v.unit) for v in indicator.values], **common)
    return pages


def build_site(snapshot_path: Path, out_dir: Path) -> dict[str, int]:
    """Writes the site into out_dir (replacing an earlier build) and returns page counts by kind."""
    with connect(snapshot_path) as conn:
        data = load_site_data(conn)
    pages = render_pages(data, Path(snapshot_path).name)
    out_dir = Path(out_dir)
    for folder in ("reports", "indicators"):  # pages of reports that have left the warehouse go too
        shutil.rmtree(out_dir / folder, ignore_errors=True)
    for relative, html in pages.items():
        path = out_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
    return {"overview": 3, "reports": len(data.reports), "indicators": len(data.indicators)}
