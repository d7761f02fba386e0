"""Parse every annotated report of a gold folder and score it: the `python -m ingestion evaluate` command."""
from __future__ import annotations

import json
from pathlib import Path
from typing import TextIO

from ingestion.errors import ReportError
from ingestion.evaluation.gold import load_cases
from ingestion.evaluation.scoring import score_report, summarize
from ingestion.parser.report import parse_file, to_gold_dict

# The bundled samples' gold, relative to the project root.
PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_GOLD = PROJECT_ROOT / "data" / "gold"
DEFAULT_REPORTS = PROJECT_ROOT / "data" / "samples"


def evaluate(gold_dir: Path, reports_dir: Path | None = None) -> dict:
    """{"summary": micro-averaged scores, "files": each report's scores}. A report the parser
    refuses scores zero (nothing predicted) and carries the reason in "error"."""
    files = {}
    for case in load_cases(gold_dir, reports_dir):
        error = None
        try:
            pred = to_gold_dict(parse_file(case.report))
        except (ReportError, OSError) as exc:
            pred, error = {}, f"{getattr(exc, 'reason', 'unreadable')}: {exc}"
        files[case.report.name] = {**score_report(case.gold, pred), "error": error}
    return {"summary": summarize(files.values()), "files": files}


def print_scores(result: dict, out: TextIO, verbose: bool = False) -> None:
    for name, r in result["files"].items():
        o, i = r["outline"], r["indicators"]
        print(f"{name}: metadata {r['metadata']['equal']}/{r['metadata']['fields']}  outline F1 {o['f1']:.3f}"
              f"  indicators P {i['precision']:.3f} R {i['recall']:.3f} F1 {i['f1']:.3f}", file=out)
        if r["error"]:
            print(f"   parser refused it: {r['error']}", file=out)
        if verbose:
            for field, (g, p) in r["metadata"]["wrong"].items():
                print(f"   metadata {field}: gold {g!r} got {p!r}", file=out)
            for label, items in (("heading missed", o["missed"]), ("heading extra ", o["extra"]),
                                 ("mention missed", i["missed"]), ("mention extra ", i["extra"]),
                                 ("disagree      ", i["disagree"])):
                for item in items:
                    print(f"   {label}: {item}", file=out)
    s = result["summary"]
    o, i, agree = s["outline"], s["indicators"], s["on_matched_indicators"]
    print(f"{s['files']} reports | metadata accuracy {s['metadata_accuracy']} | outline P {o['precision']:.3f}"
          f" R {o['recall']:.3f} F1 {o['f1']:.3f} | part accuracy {s['part_accuracy']}"
          f" | indicators P {i['precision']:.3f} R {i['recall']:.3f} F1 {i['f1']:.3f} ({i['gold']} gold)"
          f" | on matched: metric {agree['metric']} unit {agree['unit']} qualifier {agree['qualifier']}"
          f" section {agree['section']}", file=out)


def dump_json(result: dict, out: TextIO) -> None:
    json.dump(result, out, ensure_ascii=False, indent=1)
    out.write("\n")
