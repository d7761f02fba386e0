from __future__ import annotations
from pathlib import Path
def read_report_file(path: Path) -> tuple[str, str]:
    return Path(path).read_bytes().decode("utf-8-sig"), "utf-8"
