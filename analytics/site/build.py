"""The report site: static HTML pages with inline SVG charts, readable offline from file://.

Built incrementally: every report, indicator, government and scorecard page and every search shard has a
key (a hash of the rows it shows, the site's code and the snapshot's name), kept in MANIFEST.
A build renders only what is stale or missing and deletes what left the warehouse; the pages
about the whole corpus (index, compare, indicator list, search, the search catalog, the ranking)
every time.
"""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from analytics.site import scorecard, search_index
from analytics.site.data import Indicator, load_overview, load_reports, report_fingerprints
from analytics.site.governments import government_fingerprints, government_page, has_governments, load_governments
from analytics.site.pages import (
    environment,
    indicator_page,
    render_government_pages,
    render_indicator_pages,
    render_overview,
    render_pages,
    render_report_pages,
    report_page,
)
from analytics.snapshot import connect

__all__ = ["MANIFEST", "build_site", "render_pages", "site_current", "site_version"]

SITE_PACKAGE = Path(__file__).parent
LABELS = SITE_PACKAGE.parent / "labels.py"
MANIFEST = "site-manifest.json"  # page → the key it was rendered for
SOURCES = "sources"  # a link to the inbox: report pages link their source file through it
REPORT_BATCH = 500
OVERVIEW_PAGES = 4  # index, compare, indicators, search (and the ranking, with a scorecard)


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
              snapshot_name: str, government_rows: dict[str, str] | None = None,
              scorecard_rows: dict[str, str] | None = None) -> dict[str, str]:
    """Report, indicator, government and scorecard page → what its HTML depends on: its rows
    (hashed in SQL for a report, a government or a scorecard, from the loaded values for an
    indicator), the site's code and the names every page shows."""
    shared = hashlib.sha256(json.dumps([site_version(), snapshot_name, dimension_names], ensure_ascii=False)
                            .encode()).hexdigest()[:16]
    keys = {report_page(report_id): f"{shared}-{rows}" for report_id, rows in report_rows.items()}
    for ind in indicators:  # an indicator page is a function of its Indicator alone (with the shared names)
        keys[indicator_page(ind.code)] = f"{shared}-{hashlib.md5(repr(ind).encode()).hexdigest()}"
    for government_id, rows in (government_rows or {}).items():
        keys[government_page(government_id)] = f"{shared}-{rows}"
    keys |= {scorecard.scorecard_page(report_id): f"{shared}-{rows}"
             for report_id, rows in (scorecard_rows or {}).items()}
    return keys


def _write(out_dir: Path, pages: dict[str, str]) -> None:
    for relative, html in pages.items():
        path = out_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")


def _remove_other_pages(folder: Path, keep: set[str], out_dir: Path) -> None:
    """Pages of reports, indicators and governments that have left the warehouse."""
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
    """Writes the site into out_dir; returns page counts by kind and how many of the report,
    indicator and government pages it rendered. Report and government pages are loaded and
    rendered batch_size at a time, so their memory is bounded by the batch."""
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
        names = overview.dimension_names
        government_rows = government_fingerprints(conn) if has_governments(conn) else {}
        scored = scorecard.has_scorecards(conn)
        keys = page_keys(report_fingerprints(conn), overview.indicators, names, snapshot_name, government_rows,
                         scorecard.scorecard_fingerprints(conn) if scored else None)
        shards = search_index.shard_count(len(overview.reports))
        keys.update(search_index.shard_keys(conn, shards, site_version()))
        stale = {page for page, key in keys.items() if built.get(page) != key or not (out_dir / page).exists()}
        report_ids = [r.report_id for r in overview.reports if report_page(r.report_id) in stale]
        for start in range(0, len(report_ids), batch_size):
            reports = load_reports(conn, report_ids[start:start + batch_size], names)
            _write(out_dir, render_report_pages(reports, names, snapshot_name))
        government_ids = [g for g in government_rows if government_page(g) in stale]
        for start in range(0, len(government_ids), batch_size):
            governments = load_governments(conn, government_ids[start:start + batch_size])
            _write(out_dir, render_government_pages(governments, names, snapshot_name))
        card_ids = [page.removeprefix("scorecards/").removesuffix(".html") for page in sorted(stale)
                    if page.startswith("scorecards/")]
        if scored:  # the scorecard pages a batch at a time, then the ranking
            for pages in scorecard.render_pages(conn, environment(), card_ids, snapshot_name, batch_size):
                _write(out_dir, pages)
        by_shard: dict[int, list[str]] = {}
        for report in overview.reports:
            by_shard.setdefault(search_index.shard_of(report.report_id, shards), []).append(report.report_id)
        stale_shards = [i for i in range(shards) if search_index.shard_file(i) in stale]
        for index in stale_shards:
            search_index.write_shard(conn, out_dir, index, by_shard.get(index, []))
    search_index.write_catalog(out_dir, shards, [
        {"id": r.report_id, "organization": r.organization, "year": r.report_year, "level": r.admin_level,
         "province": r.province, "government": r.government_id} for r in overview.reports])
    search_index.remove_other_shards(out_dir, shards)
    indicators_rendered = 0
    for indicator in overview.indicators:  # one at a time: at national scale a page holds thousands of values
        if indicator_page(indicator.code) in stale:
            _write(out_dir, render_indicator_pages([indicator], names, snapshot_name))
            indicators_rendered += 1
    _write(out_dir, render_overview(overview, snapshot_name))
    for folder in ("reports", "indicators", "governments", "scorecards"):
        _remove_other_pages(out_dir / folder, set(keys), out_dir)
    manifest_path.write_text(json.dumps(keys, ensure_ascii=False, indent=0), encoding="utf-8")
    return {"overview": OVERVIEW_PAGES + scored, "reports": len(overview.reports),
            "indicators": len(overview.indicators), "governments": len(government_rows),
            "scorecards": sum(page.startswith("scorecards/") for page in keys), "reports_rendered": len(report_ids),
            "indicators_rendered": indicators_rendered, "governments_rendered": len(government_ids),
            "scorecards_rendered": len(card_ids)}
