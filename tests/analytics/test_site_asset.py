"""The Dagster asset publish/report_site builds the site and links it where `make serve` serves it."""
from __future__ import annotations

import socket
import threading
import urllib.request

import dagster as dg
import duckdb

from analytics.serve import Served, serve
from dagster_project.defs.resources import ReportInbox, ReportSiteFolder, Warehouse
from dagster_project.defs.site.assets import report_site
from ingestion.warehouse.build_state import last_published
from tests.paths import SAMPLES


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_report_site_asset_writes_the_site_and_links_it_over_http(built_warehouse, tmp_path, monkeypatch):
    out, port = tmp_path / "site", _free_port()
    monkeypatch.setenv("REPORT_SITE_URL", f"http://127.0.0.1:{port}")  # as the Makefile sets it from SITE_PORT
    result = dg.materialize(
        [report_site], resources={"warehouse": Warehouse(database=str(built_warehouse.warehouse)),
                                  "report_site": ReportSiteFolder(folder=str(out)),
                                  "inbox": ReportInbox(folder=str(SAMPLES))})
    assert result.success
    metadata = result.asset_materializations_for_node("publish__report_site")[0].metadata
    link = metadata["site"].value
    assert link == f"http://127.0.0.1:{port}/index.html"  # never file://, which a browser will not open from the UI
    assert metadata["report_pages"].value == 5
    assert metadata["pages"].value == len(list(out.rglob("*.html")))
    assert (out / "indicators" / "head_court_appearance_rate.html").exists()

    # The link answers once the site is served (make serve), and so do the report pages' source links.
    stop = threading.Event()
    server = threading.Thread(target=serve, args=([Served("report site", out, port)], stop))
    server.start()
    try:
        for _ in range(50):
            try:
                with urllib.request.urlopen(link, timeout=5) as response:
                    assert response.status == 200 and "报告一览" in response.read().decode("utf-8")
                break
            except OSError:  # not listening yet
                stop.wait(0.1)
        sample = sorted(SAMPLES.iterdir())[0]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/sources/{sample.name}", timeout=5) as response:
            assert response.read() == sample.read_bytes()
    finally:
        stop.set()
        server.join(timeout=10)
    assert not server.is_alive()

    # The site is the last step: it records the build as published, with where it wrote.
    with duckdb.connect(str(built_warehouse.warehouse), read_only=True) as conn:
        assert last_published(conn).site_dir == str(out)
