"""The Dagster asset publish/report_site builds the site and links it."""
from __future__ import annotations

import dagster as dg
import duckdb

from dagster_project.defs.resources import ReportSiteFolder, Warehouse
from dagster_project.defs.site.assets import report_site
from ingestion.warehouse.build_state import last_published


def test_report_site_asset_writes_the_site_and_links_it(built_warehouse, tmp_path):
    out = tmp_path / "site"
    result = dg.materialize(
        [report_site], resources={"warehouse": Warehouse(database=str(built_warehouse.warehouse)),
                                  "report_site": ReportSiteFolder(folder=str(out))})
    assert result.success
    metadata = result.asset_materializations_for_node("publish__report_site")[0].metadata
    assert metadata["site"] == dg.MetadataValue.url((out / "index.html").as_uri())
    assert metadata["report_pages"].value == 5
    assert metadata["pages"].value == len(list(out.rglob("*.html")))
    assert (out / "indicators" / "head_court_appearance_rate.html").exists()

    # The site is the last step: it records the build as published, with where it wrote.
    with duckdb.connect(str(built_warehouse.warehouse), read_only=True) as conn:
        assert last_published(conn).site_dir == str(out)
