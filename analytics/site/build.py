"""The report site: static HTML pages with inline SVG charts, readable offline from file://."""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from itertools import groupby
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from analytics.labels import KIND_NAMES, LEVEL_NAMES, MANDATED_PARTS, PART_NAMES
from analytics.site.charts import Bar, Point, bar_chart, trend_line
from analytics.site.data import Indicator, Report, SiteData, load_overview, load_reports, report_fingerprints
from analytics.site.formatting import display_change, display_change_pct, display_value, highlighted
from analytics.snapshot import connect

SITE_PACKAGE = Path(__file__).parent
LABELS = SITE_PACKAGE.parent / "labels.py"
MANIFEST = "site-manifest.json"  # report page → the key it was rendered for
SOURCES = "sources"  # a link to the inbox: report pages link their source file through it
REPORT_BATCH = 500
LIST_VALUES = 20  # values of each indicator on the indicator list; its own page has all of them


@lru_cache(maxsize=1)
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
        [Point(p.year, p.value, display_value(p.value, indicator.kind, p.unit), p.sentence or "")
         for p in series.points],
        indicator.kind, f"{series.name}：{indicator.name_zh}历年数值")) for series in indicator.series]


def _compare_json(data: SiteData) -> Markup:
    payload = {
        "parts": [[part, PART_NAMES[part]] for part in MANDATED_PARTS],
        "reports": [{"id": r.report_id, "organization": r.organization, "year": r.report_year,
                     "level": LEVEL_NAMES.get(r.admin_level or "", r.admin_level), "parts": r.parts,
                     "figures": r.mention_count} for r in data.reports],
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


def render_overview(data: SiteData, snapshot_name: str) -> dict[str, str]:
    """Relative path → HTML of the pages about the whole corpus: index, compare, the indicator list."""
    environment = _environment()
    common = {"dimension_names": data.dimension_names, "snapshot_name": snapshot_name}
    pages = {
        "index.html": environment.get_template("index.html").render(
            root="", reports=data.reports, indicators=data.indicators,
            figure_total=sum(r.mention_count for r in data.reports),
            complete=sum(all(r.parts.values()) for r in data.reports), **common),
        "compare.html": environment.get_template("compare.html").render(
            root="", reports=data.reports, data_json=_compare_json(data), **common),
    }
    dimension_order = {code: index for index, code in enumerate(data.dimension_names)}
    by_dimension = sorted(data.indicators, key=lambda i: (dimension_order.get(i.dimension or "", 99),
                                                          -len(i.values), i.code))
    pages["indicators.html"] = environment.get_template("indicators.html").render(
        root="", indicators=data.indicators, catalog_size=data.catalog_size, list_values=LIST_VALUES,
        groups=[(code, list(group)) for code, group in groupby(by_dimension, key=lambda i: i.dimension)],
        **common)
    return pages


def render_indicator_pages(indicators: list[Indicator], dimension_names: dict[str, str], snapshot_name: str
                           ) -> dict[str, str]:
    template = _environment().get_template("indicator.html")
    common = {"dimension_names": dimension_names, "snapshot_name": snapshot_name}
    return {indicator_page(ind.code): template.render(
        root="../", ind=ind, chart=indicator_chart(ind), trend_charts=series_charts(ind),
        shown=[display_value(v.value, ind.kind, v.unit) for v in ind.values], **common) for ind in indicators}


def render_report_pages(reports: list[Report], dimension_names: dict[str, str], snapshot_name: str
                        ) -> dict[str, str]:
    template = _environment().get_template("report.html")
    common = {"dimension_names": dimension_names, "snapshot_name": snapshot_name}
    return {report_page(r.report_id): template.render(root="../", r=r, **common) for r in reports}


def render_pages(data: SiteData, snapshot_name: str) -> dict[str, str]:
    """Relative path → HTML of every page; pure, so it is tested without touching the disk."""
    return {**render_overview(data, snapshot_name),
            **render_indicator_pages(data.indicators, data.dimension_names, snapshot_name),
            **render_report_pages(data.reports, data.dimension_names, snapshot_name)}


def report_page(report_id: str) -> str:
    return f"reports/{report_id}.html"


def indicator_page(code: str) -> str:
    return f"indicators/{code}.html"


@lru_cache(maxsize=1)
def site_version() -> str:
    """Hash of the code and templates that render a page: a new design re-renders every page."""
    digest = hashlib.sha256()
    for path in sorted([*SITE_PACKAGE.rglob("*.py"), *SITE_PACKAGE.glob("templates/*"), LABELS]):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def site_current(out_dir: Path) -> bool:
    """The site's pages are in place; which build rendered them is for the caller to know."""
    return (out_dir / "index.html").exists() and (out_dir / MANIFEST).exists()


def page_keys(report_rows: dict[str, str], indicators: list[Indicator], dimension_names: dict[str, str],
              snapshot_name: str) -> dict[str, str]:
    """Report and indicator page → what its HTML depends on: its rows (hashed in SQL for a
    report, from the loaded values for an indicator), the site's code and the names every page shows."""
    shared = hashlib.sha256(json.dumps([site_version(), snapshot_name, dimension_names], ensure_ascii=False)
                            .encode()).hexdigest()[:16]
    keys = {report_page(report_id): f"{shared}-{rows}" for report_id, rows in report_rows.items()}
    for ind in indicators:  # an indicator page is a function of its Indicator alone (with the shared names)
        keys[indicator_page(ind.code)] = f"{shared}-{hashlib.md5(repr(ind).encode()).hexdigest()}"
    return keys


def _write(out_dir: Path, pages: dict[str, str]) -> None:
    for relative, html in pages.items():
        path = out_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")


def _remove_other_pages(folder: Path, keep: set[str], out_dir: Path) -> None:
    """Pages of reports and indicators that have left the warehouse."""
    if folder.is_dir():
        for page in folder.glob("*.html"):
            if page.relative_to(out_dir).as_posix() not in keep:
                page.unlink()


def link_sources(out_dir: Path, inbox: Path) -> None:
    """`sources` in the site is a link to the inbox, so a report page's link to its source file
    (`../sources/<path in the inbox>`) opens from file:// and over http alike, without a copy."""
    link = out_dir / SOURCES
    if link.is_symlink() and link.resolve() == inbox.resolve():
        return
    if link.is_symlink():
        link.unlink()
    if not link.exists():
        link.symlink_to(inbox.resolve(), target_is_directory=True)


def build_site(snapshot_path: Path, out_dir: Path, batch_size: int = REPORT_BATCH, inbox: Path | None = None
               ) -> dict[str, int]:
    """Writes the site into out_dir; returns page counts by kind and how many of the report and
    indicator pages it rendered. Those pages are rendered only when their rows, the site's code
    or the snapshot name changed since the build recorded in MANIFEST; the others are kept as
    they are (the index, compare and indicator-list pages are always rendered). Report pages are
    loaded and rendered batch_size at a time, so their memory is bounded by the batch."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    if inbox is not None:
        link_sources(out_dir, Path(inbox))
    snapshot_name = Path(snapshot_path).name
    manifest_path = out_dir / MANIFEST
    try:
        built: dict[str, str] = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        built = {}
    with connect(snapshot_path) as conn:
        overview = load_overview(conn)
        keys = page_keys(report_fingerprints(conn), overview.indicators, overview.dimension_names, snapshot_name)
        stale = {page for page, key in keys.items() if built.get(page) != key or not (out_dir / page).exists()}
        report_ids = [r.report_id for r in overview.reports if report_page(r.report_id) in stale]
        for start in range(0, len(report_ids), batch_size):
            reports = load_reports(conn, report_ids[start:start + batch_size], overview.dimension_names)
            _write(out_dir, render_report_pages(reports, overview.dimension_names, snapshot_name))
    for indicator in overview.indicators:  # one at a time: at national scale a page holds thousands of bars
        if indicator_page(indicator.code) in stale:
            _write(out_dir, render_indicator_pages([indicator], overview.dimension_names, snapshot_name))
    _write(out_dir, render_overview(overview, snapshot_name))
    for folder in ("reports", "indicators"):
        _remove_other_pages(out_dir / folder, set(keys), out_dir)
    manifest_path.write_text(json.dumps(keys, ensure_ascii=False, indent=0), encoding="utf-8")
    return {"overview": 3, "reports": len(overview.reports), "indicators": len(overview.indicators),
            "reports_rendered": len(report_ids), "indicators_rendered": len(stale) - len(report_ids)}
