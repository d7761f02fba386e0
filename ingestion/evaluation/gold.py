"""Gold annotations and the reports they annotate.

A gold folder holds `<name>.json` files. Each names its report in `sample` (a file name looked up
in the reports folder, which is the gold folder itself unless given); without `sample`, the report
is the file `<name>.<ext>` beside the JSON in any format the readers take (.txt, .html, .docx, .pdf).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

REPORT_SUFFIXES = (".txt", ".html", ".htm", ".docx", ".pdf")


class GoldError(ValueError):
    """A gold folder that cannot be scored: no annotations, bad JSON, or a missing report."""


@dataclass(frozen=True)
class GoldCase:
    name: str  # the JSON's stem
    gold: dict
    report: Path


def load_cases(gold_dir: Path, reports_dir: Path | None = None) -> list[GoldCase]:
    gold_dir = Path(gold_dir)
    reports_dir = Path(reports_dir) if reports_dir else gold_dir
    paths = sorted(gold_dir.glob("*.json"))
    if not paths:
        raise GoldError(f"{gold_dir}: no <name>.json gold annotations")
    return [_case(path, reports_dir) for path in paths]


def _case(path: Path, reports_dir: Path) -> GoldCase:
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldError(f"{path}: not UTF-8 JSON: {exc}") from exc
    if not isinstance(gold, dict):
        raise GoldError(f"{path}: a gold annotation is a JSON object with metadata, outline and indicators")
    named = gold.get("sample")
    candidates = [reports_dir / named] if named else [reports_dir / (path.stem + s) for s in REPORT_SUFFIXES]
    report = next((c for c in candidates if c.is_file()), None)
    if report is None:
        looked = ", ".join(str(c) for c in candidates)
        raise GoldError(f"{path}: its report is missing (looked for {looked})")
    return GoldCase(path.stem, gold, report)
