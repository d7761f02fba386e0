"""Command line: `python -m analytics query|export|search|site|scorecard|serve`, behind the Makefile targets."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

from analytics.snapshot import PROJECT_ROOT, connect, default_snapshot_path, kept_build_path


def _query(args: argparse.Namespace) -> int:
    from analytics.query import format_table, run_query, write_result

    with connect(args.snapshot) as conn:
        if args.format == "table":
            sys.stdout.write(format_table(run_query(conn, args.sql), max_rows=args.max_rows))
            return 0
        if args.out is None:
            sys.exit(f"FORMAT={args.format} needs OUT=path")
        path = write_result(conn, args.sql, args.format, Path(args.out))
    print(f"wrote {path}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from analytics.export import export_all

    with connect(args.snapshot) as conn:
        written = export_all(conn, Path(args.out))
    print(f"wrote {len(written)} files to {args.out}/ (Parquet, CSV with BOM, warehouse.xlsx)")
    return 0


def _search(args: argparse.Namespace) -> int:
    from analytics.search import USAGE, Filters, SearchError, format_hits, query_terms, search
    from analytics.serve import site_url

    if not query_terms(args.q):
        print(USAGE, file=sys.stderr)
        return 2
    filters = Filters(year=args.year, government=args.government, level=args.level, part=args.part,
                      dimension=args.dimension)
    with connect(args.snapshot) as conn:
        try:
            hits = search(conn, args.q, limit=args.limit, filters=filters)
        except SearchError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        sys.stdout.write(format_hits(hits, args.q, site_url()))
    return 0


def _site(args: argparse.Namespace) -> int:
    from analytics.site import build_site

    pages = build_site(Path(args.snapshot), Path(args.out), inbox=Path(args.inbox) if args.inbox else None)
    total = pages["overview"] + pages["reports"] + pages["indicators"] + pages["governments"] + pages["scorecards"]
    print(f"{total} pages in {args.out}/index.html: {pages['reports']} report pages"
          f" ({pages['reports_rendered']} rendered, the rest unchanged), {pages['indicators']} indicator pages,"
          f" {pages['governments']} government pages, {pages['scorecards']} scorecard pages"
          f" ({pages['scorecards_rendered']} rendered)")
    return 0


def _scorecard(args: argparse.Namespace) -> int:
    from analytics.scorecard import NoScorecards, format_ranking, ranking

    with connect(args.snapshot) as conn:
        try:
            result = ranking(conn, args.level, args.year, args.province)
        except NoScorecards as missing:
            print(f"error: {missing}", file=sys.stderr)
            return 2
    sys.stdout.write(format_ranking(result))
    return 0


def _serve(args: argparse.Namespace) -> int:
    from analytics.serve import Served, serve

    return serve([Served("report site", Path(args.site), args.site_port),
                  Served("dbt docs", Path(args.docs), args.docs_port)])


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m analytics", description=__doc__)
    main.add_argument("--snapshot", type=Path, default=default_snapshot_path(),
                      help="read-only warehouse snapshot (default: $WAREHOUSE_PATH's *_snapshot sibling)")
    main.add_argument("--build", help="read a kept build instead (`make builds` lists them; a unique prefix will do)")
    commands = main.add_subparsers(dest="command", required=True)

    query = commands.add_parser("query", help="run one SQL statement on the snapshot")
    query.add_argument("sql")
    query.add_argument("--format", choices=("table", "csv", "json", "parquet"), default="table")
    query.add_argument("--out", help="file to write for csv, json or parquet")
    query.add_argument("--max-rows", type=int, default=200)
    query.set_defaults(run=_query)

    export = commands.add_parser("export", help="every mart as Parquet + CSV, and warehouse.xlsx")
    export.add_argument("--out", default=str(PROJECT_ROOT / "exports"))
    export.set_defaults(run=_export)

    search = commands.add_parser("search", help="sections containing the terms, whole words first, then BM25")
    search.add_argument("q", nargs="?", default="")
    search.add_argument("--limit", type=int, default=10)
    search.add_argument("--year", type=int, help="report year")
    search.add_argument("--government", help="part of the organisation's name, or a government_id")
    search.add_argument("--level", help="admin level: province, city, district, street, department or 省级 …")
    search.add_argument("--part", help="mandated part: measures, responsibility, shortcomings, plans, other or 中文")
    search.add_argument("--dimension", help="纲要 dimension code or Chinese name")
    search.set_defaults(run=_search)

    site = commands.add_parser("site", help="build the static report site")
    site.add_argument("--out", default=str(PROJECT_ROOT / "site"))
    site.add_argument("--inbox", help="the inbox folder, which report pages link their source files in")
    site.set_defaults(run=_site)

    scorecard = commands.add_parser("scorecard", help="the scorecard ranking of an admin level and year")
    scorecard.add_argument("--level", help="province, city, district, street or department (or 区县级 …)")
    scorecard.add_argument("--year", type=int, help="report year")
    scorecard.add_argument("--province", help="only this province, e.g. 天津市")
    scorecard.set_defaults(run=_scorecard)

    from analytics.serve import DOCS_PORT, SITE_PORT

    serve = commands.add_parser("serve", help="serve the report site and the dbt docs over http on localhost")
    serve.add_argument("--site", default=str(PROJECT_ROOT / "site"), help="the report site folder")
    serve.add_argument("--docs", default=str(PROJECT_ROOT / "dbt_project" / "target"), help="the dbt docs folder")
    serve.add_argument("--site-port", type=int, default=SITE_PORT)
    serve.add_argument("--docs-port", type=int, default=DOCS_PORT)
    serve.set_defaults(run=_serve)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        if args.build:
            args.snapshot = kept_build_path(args.build)
        return args.run(args)
    except (FileNotFoundError, duckdb.Error) as error:  # a message, not a traceback, for a typo in SQL
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
