"""`make serve`: the report site and the dbt docs over http on localhost, beside the Dagster UI.

Browsers refuse a `file://` link from an http page (the Dagster UI's link to the site, a docs
link), so both are served, each on its own port, by one process of the standard library's
http.server (static files; nothing to install). The UI's links point at the same addresses
(`REPORT_SITE_URL`, `DBT_DOCS_URL`; the Makefile derives both from `SITE_PORT` and `DOCS_PORT`).
Ctrl-C (or SIGTERM) stops both servers and the command exits 0.
"""
from __future__ import annotations

import functools
import os
import signal
import threading
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HOST = "127.0.0.1"
SITE_PORT = 8081
DOCS_PORT = 8080


def site_url() -> str:
    """Where `make serve` serves the report site (REPORT_SITE_URL, else SITE_PORT on localhost)."""
    default = f"http://{HOST}:{os.environ.get('SITE_PORT') or SITE_PORT}"
    return (os.environ.get("REPORT_SITE_URL") or default).rstrip("/")


class _QuietHandler(SimpleHTTPRequestHandler):
    """Static files; one line per failed request only, so the terminal stays readable."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        if str(getattr(code, "value", code)).startswith(("4", "5")):
            super().log_request(code, size)

    def end_headers(self) -> None:
        # The site is rebuilt under the reader: always the current page, never a cached one.
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()


@dataclass(frozen=True)
class Served:
    name: str
    folder: Path
    port: int

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/"


class PortInUseError(OSError):
    pass


def start(served: Served) -> ThreadingHTTPServer:
    handler = functools.partial(_QuietHandler, directory=str(served.folder))
    try:
        server = ThreadingHTTPServer((HOST, served.port), handler)
    except OSError as error:
        raise PortInUseError(f"cannot serve the {served.name} on port {served.port}: {error.strerror}"
                             f" (another `make serve` or `make docs`?). Choose another port, e.g."
                             f" {'SITE_PORT' if served.name == 'report site' else 'DOCS_PORT'}="
                             f"{served.port + 10}.") from error
    threading.Thread(target=server.serve_forever, name=served.name, daemon=True).start()
    return server


def missing(served: Served) -> str | None:
    if not (served.folder / "index.html").exists():
        return f"no {served.name} in {served.folder} yet: build it with `make run`"
    return None


def serve(targets: list[Served], stop: threading.Event | None = None) -> int:
    """Serves every target until Ctrl-C, SIGTERM or `stop`; returns the exit code."""
    problems = [problem for problem in map(missing, targets) if problem]
    if problems:
        print("\n".join(problems))
        return 2
    stop = stop or threading.Event()
    servers: list[ThreadingHTTPServer] = []
    try:
        for target in targets:
            servers.append(start(target))
    except PortInUseError as error:
        print(error)
        for server in servers:
            server.shutdown()
            server.server_close()
        return 2
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
    for target in targets:
        print(f"  {target.name:<12} {target.url}   ({target.folder})")
    print("Ctrl-C stops both.", flush=True)
    try:
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    for server in servers:
        server.shutdown()
        server.server_close()
    print("stopped.")
    return 0
