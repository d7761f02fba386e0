"""What the published warehouse was built from, so a run whose inputs did not change skips work.

The warehouse itself records it (schema `meta`), not the Dagster instance: the question is
about this file, whichever instance or machine built it. Two records:
- `meta.ingests`: the inbox listing the last ingest planned from, and the parser it parsed with;
- `meta.dbt_builds`: the last build published end to end (marts, docs, snapshot and report
  site), with everything it was made from. The site step writes it, last, so a run that stops
  anywhere before is redone by the next one.
"""
from __future__ import annotations

import hashlib
from dataclasses import astuple, dataclass, fields
from pathlib import Path

import duckdb

DBT_SOURCES = ("models", "seeds", "macros", "tests", "dbt_project.yml", "profiles.yml")


@dataclass(frozen=True)
class Ingest:
    inbox_fingerprint: str  # ingestion.intake.inventory.listing_fingerprint of the scan the ingest planned from
    parser_version: str


@dataclass(frozen=True)
class PublishedBuild:
    raw_fingerprint: str  # the raw layer the marts were built from (what dbt reads)
    dbt_checksum: str  # the dbt project they were built with
    inbox_fingerprint: str  # the inbox listing that raw layer was ingested from
    parser_version: str  # the parser it was parsed with
    site_version: str  # the code that rendered the report site
    site_dir: str  # where the site was written


def raw_fingerprint(conn: duckdb.DuckDBPyConnection) -> str:
    """One hash of what the marts read from the raw layer; cheap even at 10^5 reports,
    since each report stands for its rows by its id and parser version."""
    parts = conn.execute("""
        select
            (select coalesce(string_agg(report_id || ':' || parser_version || ':' || source_path, ','
                             order by report_id), '') from raw.reports),
            (select coalesce(string_agg(source_path || ':' || reason || ':' || coalesce(file_id, ''), ','
                             order by source_path), '') from raw.quarantine),
            (select coalesce(string_agg(source_path || ':' || status || ':' || coalesce(report_id, ''), ','
                             order by source_path), '') from raw.files)
    """).fetchone()
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def dbt_checksum(project_dir: Path) -> str:
    digest = hashlib.sha256()
    for name in DBT_SOURCES:
        root = project_dir / name
        for path in sorted([root] if root.is_file() else root.rglob("*")):
            if path.is_file():
                digest.update(str(path.relative_to(project_dir)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def _columns(record: type) -> list[str]:
    return [f.name for f in fields(record)]


def _read(conn: duckdb.DuckDBPyConnection, table: str, record: type):
    """The one row of meta.<table>, or None; a table of another shape (an older project) counts as none."""
    names = _columns(record)
    present = [c for (c,) in conn.execute(
        "select column_name from duckdb_columns() where schema_name = 'meta' and table_name = ?", [table]).fetchall()]
    if not set(names) <= set(present):
        return None
    row = conn.execute(f"select {', '.join(names)} from meta.{table} limit 1").fetchone()
    return record(*row) if row else None


def _write(conn: duckdb.DuckDBPyConnection, table: str, value) -> None:
    """Replace the one row of meta.<table>; nothing is written when it holds this value already,
    so a run with nothing to do leaves the file as it was."""
    if _read(conn, table, type(value)) == value:
        return
    names = _columns(type(value))
    conn.execute("create schema if not exists meta")
    conn.execute(f"drop table if exists meta.{table}")
    conn.execute(f"create table meta.{table} ({', '.join(f'{n} VARCHAR' for n in names)}, recorded_at TIMESTAMP)")
    conn.execute(f"insert into meta.{table} values ({', '.join('?' for _ in names)}, current_timestamp)",
                 list(astuple(value)))


def record_ingest(conn: duckdb.DuckDBPyConnection, ingest: Ingest) -> None:
    _write(conn, "ingests", ingest)


def last_ingest(conn: duckdb.DuckDBPyConnection) -> Ingest | None:
    return _read(conn, "ingests", Ingest)


def record_published(conn: duckdb.DuckDBPyConnection, build: PublishedBuild) -> None:
    _write(conn, "dbt_builds", build)


def last_published(conn: duckdb.DuckDBPyConnection) -> PublishedBuild | None:
    return _read(conn, "dbt_builds", PublishedBuild)


def forget_published(conn: duckdb.DuckDBPyConnection) -> None:
    """No published build on record: the next run publishes again whatever it finds current."""
    conn.execute("drop table if exists meta.dbt_builds")
