"""Each page of the report site from plain records to HTML: pure, so it is tested without a disk.

Pages must read at any corpus size: a page about many reports shows a fixed-size summary (a
distribution, the top and bottom values, the first rows) and hands the full list to a sortable,
paged table that its own script draws from JSON embedded in the page (no request: it opens from
file://).
"""
from __future__ import annotations

import json
import statistics
from functools import lru_cache
from itertools import groupby

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from analytics.labels import KIND_NAMES, LEVEL_NAMES, MANDATED_PARTS, PART_NAMES
from analytics.site.charts import Bar, Point, bar_chart, histogram, trend_line
from analytics.site.data import Indicator, Report, SiteData
from analytics.site.formatting import display_change, display_change_pct, display_value, highlighted
from analytics.site.governments import Government, government_page

LIST_VALUES = 20  # values of each indicator on the indicator list; its own page has all of them
TOP_BARS = 10  # bars for the highest and for the lowest values of an indicator
MIN_SPREAD = 3  # distinct values an indicator needs before its distribution says anything
TREND_CARDS = 6  # government trend lines on an indicator page; every government's are on its own page
TABLE_ROWS = 20  # rows a paged table shows at a time (the first page is in the HTML itself)
PART_SHORT = {"measures": "举措", "responsibility": "职责", "shortcomings": "不足", "plans": "安排"}


def to_json(payload: object) -> Markup:
    """JSON for a <script type="application/json"> element: "</" would end the element early."""
    return Markup(json.dumps(payload, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/"))


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=PackageLoader("analytics.site", "templates"), autoescape=select_autoescape(["html"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(part_names=PART_NAMES, level_names=LEVEL_NAMES, kind_names=KIND_NAMES,
                       mandated=MANDATED_PARTS, highlighted=highlighted, display_value=display_value,
                       display_change=display_change, display_change_pct=display_change_pct,
                       government_page=government_page, table_rows=TABLE_ROWS, part_short=PART_SHORT,
                       mandated_names=[PART_NAMES[p] for p in MANDATED_PARTS],
                       mandated_short=[PART_SHORT[p] for p in MANDATED_PARTS])
    return env


def report_page(report_id: str) -> str:
    return f"reports/{report_id}.html"


def indicator_page(code: str) -> str:
    return f"indicators/{code}.html"


def place(report: Report) -> str:
    return " ".join(dict.fromkeys(p for p in (report.province, report.city, report.district) if p))


def _compare_json(data: SiteData) -> Markup:
    payload = {
        "parts": [[part, PART_NAMES[part]] for part in MANDATED_PARTS],
        "reports": [{"id": r.report_id, "organization": r.organization, "year": r.report_year,
                     "level": LEVEL_NAMES.get(r.admin_level or "", r.admin_level), "parts": r.parts,
                     "figures": r.mention_count} for r in data.reports],
        "indicators": [{"code": i.code, "name": i.name_zh} for i in data.indicators],
        "values": {},
        "keywords": {r.report_id: r.keywords[:10] for r in data.reports},
        "scores": data.scores,  # report → 总分 and the seven dimensions (the scorecard), {} without one
    }
    for indicator in data.indicators:
        for value in indicator.values:
            payload["values"].setdefault(value.report_id, {})[indicator.code] = {
                "shown": display_value(value.value, indicator.kind, value.unit), "sentence": value.sentence}
    return to_json(payload)


def index_rows(reports: list[Report]) -> list[dict]:
    """The report index's rows as its script filters, sorts and exports them."""
    return [{"id": r.report_id, "organization": r.organization, "level": r.admin_level or "",
             "levelName": LEVEL_NAMES.get(r.admin_level or "", r.admin_level or ""), "province": r.province or "",
             "place": place(r), "year": r.report_year, "parts": [r.parts[p] for p in MANDATED_PARTS],
             "complete": all(r.parts.values()), "figures": r.mention_count, "indicators": r.indicator_count}
            for r in reports]


def render_overview(data: SiteData, snapshot_name: str) -> dict[str, str]:
    """Relative path → HTML of the pages about the whole corpus: index, compare, the indicator list, search."""
    env = environment()
    common = {"dimension_names": data.dimension_names, "snapshot_name": snapshot_name}
    rows = index_rows(data.reports)
    pages = {
        "index.html": env.get_template("index.html").render(
            root="", reports=data.reports[:TABLE_ROWS], report_count=len(data.reports), indicators=data.indicators,
            figure_total=sum(r.mention_count for r in data.reports), rows_json=to_json(rows),
            provinces=sorted({r["province"] for r in rows if r["province"]}),
            years=sorted({r["year"] for r in rows if r["year"]}, reverse=True),
            levels=[(code, name) for code, name in LEVEL_NAMES.items() if any(r["level"] == code for r in rows)],
            complete=sum(r["complete"] for r in rows), place=place, **common),
        "compare.html": env.get_template("compare.html").render(
            root="", reports=data.reports, data_json=_compare_json(data), **common),
        "search.html": env.get_template("search.html").render(
            root="", levels=LEVEL_NAMES, parts=PART_NAMES,
            years=sorted({r.report_year for r in data.reports if r.report_year}, reverse=True), **common),
    }
    dimension_order = {code: index for index, code in enumerate(data.dimension_names)}
    by_dimension = sorted(data.indicators, key=lambda i: (dimension_order.get(i.dimension or "", 99),
                                                          -len(i.values), i.code))
    pages["indicators.html"] = env.get_template("indicators.html").render(
        root="", indicators=data.indicators, catalog_size=data.catalog_size, list_values=LIST_VALUES,
        groups=[(code, list(group)) for code, group in groupby(by_dimension, key=lambda i: i.dimension)],
        **common)
    return pages


def _bars(indicator: Indicator, values: list) -> list[Bar]:
    return [Bar(f"{v.organization}（{v.report_year or '—'}）", v.value,
                display_value(v.value, indicator.kind, v.unit), v.sentence or v.text, v.organization) for v in values]


def indicator_charts(indicator: Indicator) -> list[tuple[str, Markup]]:
    """(heading, chart): every value when there are few; else the best and the worst TOP_BARS
    (highest and lowest, unless a lower value is the better one, as for a place in a ranking)."""
    ranked = sorted(indicator.values, key=lambda v: -v.value)  # the values come sorted; this keeps it so
    def chart(values: list, what: str) -> Markup:
        return bar_chart(_bars(indicator, values), indicator.kind, f"{indicator.name_zh}：{what}")

    lower_is_better = indicator.higher_is_better is False
    if lower_is_better:
        ranked.reverse()
    if len(ranked) <= 2 * TOP_BARS:
        order = "从低到高" if lower_is_better else "从高到低"
        return [(f"各报告的数值（{order}）", chart(ranked, "各报告的数值"))]
    if lower_is_better:
        return [(f"最好的 {TOP_BARS} 个（数值最低）", chart(ranked[:TOP_BARS], "最好值")),
                (f"最差的 {TOP_BARS} 个（数值最高）", chart(ranked[-TOP_BARS:][::-1], "最差值"))]
    return [(f"最高的 {TOP_BARS} 个", chart(ranked[:TOP_BARS], "最高值")),
            (f"最低的 {TOP_BARS} 个", chart(ranked[-TOP_BARS:][::-1], "最低值"))]


def series_charts(indicator: Indicator) -> list[tuple[str, Markup]]:
    """(government, its trend line) for the governments stating the indicator in the most years,
    at most TREND_CARDS of them."""
    chosen = sorted(indicator.series, key=lambda s: (-len(s.points), s.name))[:TREND_CARDS]
    return [(series.name, trend_line(
        [Point(p.year, p.value, display_value(p.value, indicator.kind, p.unit), p.sentence or "")
         for p in series.points],
        indicator.kind, f"{series.name}：{indicator.name_zh}历年数值")) for series in chosen]


def indicator_summary(indicator: Indicator) -> dict:
    values = [v.value for v in indicator.values]
    years = sorted({v.report_year for v in indicator.values if v.report_year})
    shown = [display_value(x, indicator.kind, indicator.unit) for x in
             (min(values), statistics.median(values), max(values))] if values else ["—"] * 3
    return {"count": len(values), "years": years, "min": shown[0], "median": shown[1], "max": shown[2],
            "by_year": [(year, sum(1 for v in indicator.values if v.report_year == year)) for year in years]}


def value_rows(indicator: Indicator) -> list[list]:
    return [[v.report_id, v.organization, v.report_year, v.value, display_value(v.value, indicator.kind, v.unit),
             v.text, v.sentence or "", v.mention_id, v.section_path or "", v.metric or "", v.candidate_count]
            for v in indicator.values]


def render_indicator_pages(indicators: list[Indicator], dimension_names: dict[str, str], snapshot_name: str
                           ) -> dict[str, str]:
    template = environment().get_template("indicator.html")
    common = {"dimension_names": dimension_names, "snapshot_name": snapshot_name}
    pages = {}
    for ind in indicators:
        values = [v.value for v in ind.values]
        pages[indicator_page(ind.code)] = template.render(
            root="../", ind=ind, charts=indicator_charts(ind), trend_charts=series_charts(ind),
            summary=indicator_summary(ind), first_rows=ind.values[:TABLE_ROWS], rows_json=to_json(value_rows(ind)),
            distribution=histogram(values, f"{ind.name_zh}：数值分布", lambda x, ind=ind: display_value(
                x, ind.kind, ind.unit), statistics.median(values)) if len(set(values)) >= MIN_SPREAD else "",
            **common)
    return pages


def render_report_pages(reports: list[Report], dimension_names: dict[str, str], snapshot_name: str
                        ) -> dict[str, str]:
    template = environment().get_template("report.html")
    common = {"dimension_names": dimension_names, "snapshot_name": snapshot_name}
    return {report_page(r.report_id): template.render(root="../", r=r, place=place(r), **common) for r in reports}


def government_trend_charts(government: Government) -> list[tuple[str, Markup]]:
    charts = []
    for indicator in government.indicators:
        if len(indicator.values) >= 2:
            points = [Point(v.report_year, v.value, display_value(v.value, indicator.kind, v.unit), v.sentence or "")
                      for v in indicator.values]
            charts.append((indicator.name, trend_line(points, indicator.kind, f"{government.name}：{indicator.name}")))
    return charts


def render_government_pages(governments: list[Government], dimension_names: dict[str, str], snapshot_name: str
                            ) -> dict[str, str]:
    template = environment().get_template("government.html")
    common = {"dimension_names": dimension_names, "snapshot_name": snapshot_name}
    return {government_page(g.government_id): template.render(
        root="../", g=g, trend_charts=government_trend_charts(g), **common) for g in governments}


def render_pages(data: SiteData, snapshot_name: str, governments: list[Government] | None = None) -> dict[str, str]:
    """Relative path → HTML of every page (the search index's scripts aside)."""
    return {**render_overview(data, snapshot_name),
            **render_indicator_pages(data.indicators, data.dimension_names, snapshot_name),
            **render_report_pages(data.reports, data.dimension_names, snapshot_name),
            **render_government_pages(governments or [], data.dimension_names, snapshot_name)}
