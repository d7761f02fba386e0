"""The comparison matrix: one row per report, one column per indicator stated by two or more.

dbt builds it as `marts.indicator_matrix` (results only: a target is no figure to compare); the
export reads it with the Chinese headers its column comments give.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb

from analytics.labels import column_labels, unique_headers


@dataclass(frozen=True)
class Matrix:
    columns: list[str]  # machine names: report columns, then indicator codes
    headers: list[str]  # Chinese headers, same order
    rows: list[tuple[Any, ...]]


def indicator_matrix(conn: duckdb.DuckDBPyConnection) -> Matrix:
    relation = conn.sql("select * from marts.indicator_matrix")
    columns = list(relation.columns)
    return Matrix(columns, unique_headers(columns, column_labels(conn, "marts", "indicator_matrix")),
                  relation.fetchall())

