"""The Dagster asset publish/report_site builds the site and links it."""
from __future__ import annotations

import dagster as dg

from dagster_project.assets.site import report_site
from dagster_project.resources import Warehouse


def test_report_site_asset_writes_the_site_and_links_it(built_warehouse, tmp_path):
    out = tmp_path / "site"
    result = dg.materialize(
        [report_site], resources={"warehouse": Warehouse(database=str(built_warehouse.warehouse))},
        run_config={"ops": {"publish__report_site": {"config": {"out_dir": str(out)}}}})
    assert result.success
    metadata = result.asset_materializations_for_node("publish__report_site")[0].metadata
    assert metadata["site"] == dg.MetadataValue.url((out / "index.html").as_uri())
    assert metadata["report_pages"].value == 5
    assert metadata["pages"].value == len(list(out.rglob("*.html")))
    assert (out / "indicators" / "head_court_appearance_rate.html").exists()
