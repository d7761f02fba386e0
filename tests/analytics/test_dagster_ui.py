"""The Dagster UI as a new user meets it: `make run`'s run in the job's history, *Materialize all*
on the lineage launching the build, a mart's columns with their types and its link to its dbt
docs, the report site's link over http.

`dg dev` (what `make ui` runs) serves a private copy of the project (code, dbt project and its
manifest), the way benchmarks/harness.py runs it: the run reloads the code location and the dbt
manifest, so edits or `dbt parse` in the working tree mid-run cannot change the job under the
test, and the run's dbt target, warehouse, Dagster home and report site all stay in a temp folder.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.analytics.conftest import ARTIFACTS
from tests.paths import PROJECT_ROOT, SAMPLES

pytestmark = [pytest.mark.browser, pytest.mark.slow]

BIN = Path(sys.executable).parent
COPIED = ("ingestion", "analytics", "dagster_project", "dbt_project", "workspace.yaml", "pyproject.toml")
NOT_COPIED = ("target", "logs", "__pycache__", ".user.yml")
JOB = "build_warehouse"
LOCATION = "rule_of_law_warehouse"
MART = "marts/reports"
MART_DOCS_FRAGMENT = "#!/model/model.rule_of_law_warehouse.reports"
SERVER_START_S = 120
RUN_TIMEOUT_MS = 6 * 60 * 1000
FINAL_STATUS = re.compile(r"^(Success|Failure|Canceled)$")


@dataclass(frozen=True)
class DagsterUI:
    url: str
    docs_url: str
    docs_port: int
    site_port: int
    project: Path
    log: Path
    env: dict[str, str]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for name in COPIED:
        source = PROJECT_ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns(*NOT_COPIED))
        else:
            shutil.copy2(source, dest / name)
    return dest


def wait_until_answers(url: str, timeout_s: float, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"{url} exited with {server.returncode} before answering; log {log}:\n{tail(log)}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(1)
    pytest.fail(f"{url} did not answer within {timeout_s:.0f} s; log {log}:\n{tail(log)}")


def tail(log: Path, lines: int = 40) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


@contextmanager
def process_group(argv: list[str], cwd: Path, env: dict[str, str], log: Path) -> Iterator[subprocess.Popen]:
    """A server in its own process group, so teardown also ends the daemon, code servers and run workers."""
    with log.open("w") as out:
        server = subprocess.Popen(argv, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT,
                                  start_new_session=True)
    try:
        yield server
    finally:
        try:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            pass
        except ProcessLookupError:
            return
        try:
            os.killpg(server.pid, signal.SIGKILL)  # whatever outlived the leader
        except ProcessLookupError:
            pass
        server.wait()


def graphql(url: str, query: str, **variables: str) -> dict:
    body = json.dumps({"query": query, "variables": variables}).encode()
    request = urllib.request.Request(f"{url}/graphql", data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)["data"]


def run_status(ui: DagsterUI, run_id: str) -> str:
    return graphql(ui.url, "query($id: ID!) { runOrError(runId: $id) { ... on Run { status } } }",
                   id=run_id)["runOrError"]["status"]


def wait_for_code_location(url: str, timeout_s: float, log: Path) -> None:
    """The webserver answers before its code server has loaded the definitions (and the dbt manifest)."""
    query = ("{ workspaceOrError { ... on Workspace { locationEntries { name loadStatus"
             " locationOrLoadError { __typename ... on PythonError { message } } } } } }")
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        entries = graphql(url, query)["workspaceOrError"]["locationEntries"]
        if entries and all(entry["loadStatus"] == "LOADED" for entry in entries):
            errors = [entry["locationOrLoadError"] for entry in entries
                      if entry["locationOrLoadError"]["__typename"] != "RepositoryLocation"]
            assert not errors, f"the code location failed to load: {errors}"
            return
        time.sleep(1)
    pytest.fail(f"the code location did not load within {timeout_s:.0f} s; log {log}:\n{tail(log)}")


@pytest.fixture(scope="module")
def dagster_ui(tmp_path_factory) -> Iterator[DagsterUI]:
    tmp = tmp_path_factory.mktemp("dagster_ui")
    project = copy_project(tmp / "project")
    home = tmp / "dh"
    home.mkdir()
    shutil.copy(project / "dagster_project" / "dagster.yaml", home / "dagster.yaml")
    inbox = shutil.copytree(SAMPLES, tmp / "inbox")
    port, docs_port, site_port = free_port(), free_port(), free_port()
    docs_url = f"http://127.0.0.1:{docs_port}"
    env = {k: v for k, v in os.environ.items() if k != "DBT_TARGET_PATH"}
    env.update({
        "DAGSTER_HOME": str(home), "WAREHOUSE_PATH": str(tmp / "wh.duckdb"), "REPORTS_INBOX": str(inbox),
        "REPORT_SITE_DIR": str(tmp / "site"), "DBT_DOCS_URL": docs_url,
        "REPORT_SITE_URL": f"http://127.0.0.1:{site_port}",
        "PATH": f"{BIN}:{os.environ.get('PATH', '')}", "PYTHONPATH": str(project),
        "DO_NOT_TRACK": "1", "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    })
    # The code location reads dbt_project/target/manifest.json when it loads (as `make ui` prepares it).
    subprocess.run([str(BIN / "dbt"), "parse", "--quiet", "--profiles-dir", "."], cwd=project / "dbt_project",
                   env=env, check=True)
    log = tmp / "dagster_dev.log"
    argv = [str(BIN / "dg"), "dev", "-h", "127.0.0.1", "-p", str(port)]  # as `make ui`
    with process_group(argv, project, env, log) as server:
        url = f"http://127.0.0.1:{port}"
        wait_until_answers(f"{url}/server_info", SERVER_START_S, server, log)
        wait_for_code_location(url, SERVER_START_S, log)
        yield DagsterUI(url, docs_url, docs_port, site_port, project, log, env)


@contextmanager
def dbt_docs_served(ui: DagsterUI, tmp: Path) -> Iterator[None]:
    """The docs the run generated, served as `make docs` would, on the port the assets link to."""
    target = ui.project / "dbt_project" / "target"
    assert (target / "index.html").exists() and (target / "catalog.json").exists(), "the run generates the docs"
    argv = [sys.executable, "-m", "http.server", str(ui.docs_port), "--bind", "127.0.0.1", "--directory", str(target)]
    log = tmp / "docs_server.log"
    with process_group(argv, target, dict(os.environ), log) as server:
        wait_until_answers(f"{ui.docs_url}/index.html", 30, server, log)
        yield


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    try:
        yield page
    finally:  # what the page showed when the test ended, passed or not
        page.screenshot(path=str(ARTIFACTS / "dagster_ui_last.png"))
        context.close()


def wait_for_final_status(page, ui: DagsterUI, name: str) -> str:
    page.wait_for_url(re.compile(r"/runs/[0-9a-f-]{36}"))
    run_id = page.url.rstrip("/").rsplit("/", 1)[-1].split("?")[0]
    status = page.get_by_text(FINAL_STATUS).first
    status.wait_for(timeout=RUN_TIMEOUT_MS)
    page.screenshot(path=str(ARTIFACTS / f"dagster_{name}.png"))
    assert status.inner_text() == "Success", f"run {run_id} ended {status.inner_text()}; log {ui.log}"
    assert run_status(ui, run_id) == "SUCCESS"
    return run_id


def test_a_make_run_run_is_in_the_jobs_history(dagster_ui, page):
    """`make run` executes the job in its own process; its run is listed with the runs the UI launched."""
    result = subprocess.run([sys.executable, "-m", "dagster_project.runner"], cwd=dagster_ui.project,
                            env=dagster_ui.env, capture_output=True, text=True, timeout=RUN_TIMEOUT_MS / 1000)
    assert result.returncode == 0, result.stdout + result.stderr
    run_id = re.search(r"run id: ([0-9a-f-]{36})", result.stdout).group(1)

    page.goto(dagster_ui.url)
    expect(page.get_by_role("dialog").filter(has_text="Join the Dagster community")).to_have_count(0)
    page.goto(f"{dagster_ui.url}/locations/{LOCATION}/jobs/{JOB}/runs")
    expect(page.locator(f'a[href*="/runs/{run_id}"]').first).to_be_visible(timeout=60_000)
    page.screenshot(path=str(ARTIFACTS / "dagster_job_runs.png"))


def test_materialize_all_on_the_lineage_builds_and_marts_show_types_and_link_their_docs(dagster_ui, page, tmp_path):
    page.goto(f"{dagster_ui.url}/asset-groups")
    page.get_by_role("button", name="Materialize all").click()
    # The launch is confirmed by a toast whose link opens the run.
    page.locator('a[href^="/runs/"]').first.click()
    wait_for_final_status(page, dagster_ui, "lineage_run")

    with dbt_docs_served(dagster_ui, tmp_path):
        page.goto(f"{dagster_ui.url}/assets/{MART}")
        row = page.get_by_role("row").filter(has=page.get_by_role("cell", name="dbt_docs", exact=True))
        link = row.locator("a[href]").first
        expected = f"{dagster_ui.docs_url}/{MART_DOCS_FRAGMENT}"
        expect(link).to_have_attribute("href", expected, timeout=60_000)  # the page re-renders as data arrives
        with urllib.request.urlopen(expected, timeout=10) as response:  # the fragment stays in the browser
            assert response.status == 200
        with urllib.request.urlopen(f"{dagster_ui.docs_url}/manifest.json", timeout=10) as response:
            assert MART_DOCS_FRAGMENT.rsplit("/", 1)[-1] in json.load(response)["nodes"], "the docs know the model"
        # The columns with the types DuckDB gave them, as the dbt docs show them.
        columns = page.get_by_role("row").filter(has=page.get_by_role("cell", name="report_year", exact=True))
        expect(columns.first).to_contain_text("INTEGER")
        expect(page.get_by_text("unserializable")).to_have_count(0)
        # As a reader would: fold the long sections, filter the metadata to the dbt entries.
        for section in ("Description", "Columns"):
            page.get_by_role("button", name=section).first.click()
        page.get_by_placeholder("Filter metadata keys").fill("dbt")
        expect(link).to_be_visible()
        page.screenshot(path=str(ARTIFACTS / "dagster_asset.png"))

        with page.context.expect_page() as opened:
            link.click()
        docs = opened.value
        assert docs.url == expected
        expect(docs.get_by_role("heading", name=re.compile(r"^reports"))).to_be_visible(timeout=30_000)
        docs.screenshot(path=str(ARTIFACTS / "dagster_asset_docs.png"))

    # The report site's link is http, where `make serve` serves the site.
    page.goto(f"{dagster_ui.url}/assets/publish/report_site")
    site = page.get_by_role("row").filter(has=page.get_by_role("cell", name="site", exact=True)).locator("a[href]")
    expect(site.first).to_have_attribute("href", f"http://127.0.0.1:{dagster_ui.site_port}/index.html",
                                         timeout=60_000)
