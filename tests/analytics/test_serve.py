"""`make serve`: the report site and the dbt docs over http on localhost, stopped cleanly by Ctrl-C."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request

import pytest

from tests.paths import PROJECT_ROOT


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, deadline: float) -> str:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.fixture
def folders(tmp_path):
    site, docs = tmp_path / "site", tmp_path / "docs"
    site.mkdir()
    docs.mkdir()
    (site / "index.html").write_text("<title>报告一览</title>", encoding="utf-8")
    (docs / "index.html").write_text("<title>dbt Docs</title>", encoding="utf-8")
    (docs / "manifest.json").write_text("{}", encoding="utf-8")
    return site, docs


def _serve(site, docs, site_port, docs_port) -> subprocess.Popen:
    # -o: never reinstall the venv from a test, even when pyproject.toml is newer
    return subprocess.Popen(["make", "-s", "-o", ".venv/.installed", "serve", f"SITE_PORT={site_port}",
                             f"DOCS_PORT={docs_port}", f"DBT_DOCS_DIR={docs}"],
                            cwd=PROJECT_ROOT, env={**os.environ, "REPORT_SITE_DIR": str(site)},
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)


def test_make_serve_serves_the_site_and_the_docs_and_stops_on_ctrl_c(folders):
    site, docs = folders
    site_port, docs_port = _free_port(), _free_port()
    server = _serve(site, docs, site_port, docs_port)
    try:
        deadline = time.monotonic() + 60
        assert "报告一览" in _get(f"http://127.0.0.1:{site_port}/index.html", deadline)
        assert "dbt Docs" in _get(f"http://127.0.0.1:{docs_port}/", deadline)
        assert _get(f"http://127.0.0.1:{docs_port}/manifest.json", deadline) == "{}"  # what the docs app loads
        os.killpg(server.pid, signal.SIGINT)  # Ctrl-C in the terminal reaches the whole group
        out, _ = server.communicate(timeout=30)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
    assert "stopped." in out and "Traceback" not in out
    with pytest.raises(OSError):  # both ports are free again
        urllib.request.urlopen(f"http://127.0.0.1:{site_port}/", timeout=2)


def test_a_port_in_use_or_a_missing_site_is_a_one_line_message(folders, tmp_path):
    site, docs = folders
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        busy = taken.getsockname()[1]
        server = _serve(site, docs, busy, _free_port())
        out, _ = server.communicate(timeout=60)
    assert server.returncode != 0 and f"port {busy}" in out and "SITE_PORT=" in out and "Traceback" not in out
    server = _serve(tmp_path / "nowhere", docs, _free_port(), _free_port())
    out, _ = server.communicate(timeout=60)
    assert server.returncode != 0 and "build it with `make run`" in out
