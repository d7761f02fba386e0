"""`python -m ingestion parse FILE`: print the parse of one report as gold-shaped JSON.
`python -m ingestion evaluate [--gold DIR] [--reports DIR]`: score the parser against gold annotations."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ingestion.errors import ReportError
from ingestion.parser.report import parse_file, to_gold_dict


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m ingestion")
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("parse", help="print one report's metadata, outline and indicator mentions as JSON")
    p.add_argument("file", type=Path)
    e = sub.add_parser("evaluate", help="score the parser against gold annotations (<name>.json beside each report)")
    e.add_argument("--gold", type=Path, help="folder of <name>.json annotations (default: data/gold, the samples')")
    e.add_argument("--reports", type=Path,
                   help="folder of the annotated reports (default: the gold folder; data/samples for data/gold)")
    e.add_argument("--json", action="store_true", help="print every score as JSON")
    e.add_argument("--verbose", action="store_true", help="list wrong fields, missed and extra headings and mentions")
    args = ap.parse_args(argv)
    if args.command == "evaluate":
        return _evaluate(args)

    try:
        report = parse_file(args.file)
    except ReportError as exc:
        print(f"{args.file}: {exc.reason}: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"{args.file}: {exc}", file=sys.stderr)
        return 2
    json.dump(to_gold_dict(report, sample=args.file.name), sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from ingestion.evaluation.evaluate import DEFAULT_GOLD, DEFAULT_REPORTS, dump_json, evaluate, print_scores
    from ingestion.evaluation.gold import GoldError

    gold = args.gold or DEFAULT_GOLD
    reports = args.reports or (DEFAULT_REPORTS if args.gold is None else None)
    try:
        result = evaluate(gold, reports)
    except GoldError as exc:
        print(f"evaluate: {exc}", file=sys.stderr)
        return 2
    if args.json:
        dump_json(result, sys.stdout)
    else:
        print_scores(result, sys.stdout, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
