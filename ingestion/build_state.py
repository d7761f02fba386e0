"""What the marts were last built from, so a run whose inputs did not change skips dbt.

The warehouse itself records it (schema `meta`), not the Dagster instance: the question is
about this file, whichever instance or machine built it.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import duckdb

DBT_SOURCES = ("models", "seeds", "macros", "tests", "dbt_project.yml", "profiles.yml")


@dataclass(frozen=True)
class BuildInputs:
    raw_fingerprint: str  # every report, quarantine row and path status of the raw layer
    dbt_checksum: str  # every file of the dbt project that shapes the marts


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


def current_inputs(conn: duckdb.DuckDBPyConnection, project_dir: Path) -> BuildInputs:
    return BuildInputs(raw_fingerprint(conn), dbt_checksum(project_dir))


def last_build(conn: duckdb.DuckDBPyConnection) -> BuildInputs | None:
    exists = conn.execute("select count(*) from duckdb_tables() where schema_name = 'meta'"
                          " and table_name = 'dbt_builds'").fetchone()[0]
    if not exists:
        return None
    row = conn.execute("select raw_fingerprint, dbt_checksum from meta.dbt_builds"
                       " order by built_at desc limit 1").fetchone()
    return BuildInputs(*row) if row else None


def record_build(conn: duckdb.DuckDBPyConnection, inputs: BuildInputs) -> None:
    conn.execute("create schema if not exists meta")
    conn.execute("create table if not exists meta.dbt_builds"
                 " (raw_fingerprint VARCHAR, dbt_checksum VARCHAR, built_at TIMESTAMP)")
    conn.execute("delete from meta.dbt_builds")  # only the last build matters
    conn.execute("insert into meta.dbt_builds values (?, ?, current_timestamp)",
                 [inputs.raw_fingerprint, inputs.dbt_checksum])
