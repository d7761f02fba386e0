"""`python -m ingestion parse FILE`: print the parse of one report as gold-shaped JSON."""
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
    args = ap.parse_args(argv)

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


if __name__ == "__main__":
    sys.exit(main())
