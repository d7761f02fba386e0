"""The report site (site/index.html), rebuilt from the snapshot after every successful run."""

import dagster as dg

from analytics.serve import site_url
from analytics.site import build_site
from analytics.site.build import site_version
from dagster_project.defs.resources import ReportInbox, ReportSiteFolder, Warehouse
from dagster_project.paths import DBT_PROJECT_DIR
from ingestion.warehouse.build_state import (
    Ingest,
    PublishedBuild,
    dbt_checksum,
    last_ingest,
    raw_fingerprint,
    record_published,
)


@dg.asset(key=["publish", "report_site"], deps=[dg.AssetKey(["publish", "warehouse_snapshot"])],
          group_name="publish", kinds={"html"})
def report_site(warehouse: Warehouse, report_site: ReportSiteFolder, inbox: ReportInbox) -> dg.MaterializeResult:
    """Static HTML for readers who do not write SQL: an index of reports, a page per report
    (outline, mandated parts, every figure with its sentence), a bar chart per indicator, a
    side-by-side comparison, a scorecard per report with the ranking, a page per government and a
    search. It reads the snapshot and opens offline from file://, or over http with `make serve`
    (where the `site` link points: browsers do not follow a file:// link from the UI). Report pages
    whose rows did not change since the last build are kept, not rendered again."""
    out_dir = report_site.path
    pages = build_site(warehouse.snapshot_path, out_dir, inbox=inbox.path)
    # The last step of the chain records the build as published: a run that stopped anywhere
    # before (dbt, docs, snapshot or this site) is redone by the next one, not skipped.
    with warehouse.get_connection() as conn:
        ingest = last_ingest(conn) or Ingest(inbox_fingerprint="", parser_version="")
        record_published(conn, PublishedBuild(
            raw_fingerprint=raw_fingerprint(conn), dbt_checksum=dbt_checksum(DBT_PROJECT_DIR),
            inbox_fingerprint=ingest.inbox_fingerprint, parser_version=ingest.parser_version,
            site_version=site_version(), site_dir=str(out_dir)))
    return dg.MaterializeResult(metadata={
        "site": dg.MetadataValue.url(f"{site_url()}/index.html"),
        "folder": dg.MetadataValue.path(str(out_dir)),
        "serve": dg.MetadataValue.text("make serve"),
        "report_pages": pages["reports"],
        "indicator_pages": pages["indicators"],
        "government_pages": pages["governments"],
        "report_pages_rendered": dg.MetadataValue.int(pages["reports_rendered"]),
        "scorecard_pages": pages["scorecards"],
        "pages": pages["overview"] + pages["reports"] + pages["indicators"] + pages["governments"]
        + pages["scorecards"],
    })
