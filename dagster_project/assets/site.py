"""The report site (site/index.html), rebuilt from the snapshot after every successful run."""

import dagster as dg
from pydantic import Field

from analytics.site import build_site
from dagster_project.paths import PROJECT_ROOT
from dagster_project.resources import Warehouse, configured_path


class ReportSiteConfig(dg.Config):
    out_dir: str = Field(default="", description="Folder of the site; empty: $REPORT_SITE_DIR, else site/")


@dg.asset(key=["publish", "report_site"], deps=[dg.AssetKey(["publish", "warehouse_snapshot"])],
          group_name="publish", kinds={"html"})
def report_site(config: ReportSiteConfig, warehouse: Warehouse) -> dg.MaterializeResult:
    """Static HTML for readers who do not write SQL: an index of reports, a page per report
    (outline, mandated parts, every figure with its sentence), a bar chart per indicator and a
    side-by-side comparison. It reads the snapshot and opens offline from file://. Report pages
    whose rows did not change since the last build are kept, not rendered again."""
    out_dir = configured_path(config.out_dir, "REPORT_SITE_DIR", PROJECT_ROOT / "site")
    pages = build_site(warehouse.snapshot_path, out_dir)
    index = out_dir / "index.html"
    return dg.MaterializeResult(metadata={
        "site": dg.MetadataValue.url(index.as_uri()),
        "report_pages": pages["reports"],
        "indicator_pages": pages["indicators"],
        "report_pages_rendered": dg.MetadataValue.int(pages["reports_rendered"]),
        "pages": pages["overview"] + pages["reports"] + pages["indicators"],
    })
