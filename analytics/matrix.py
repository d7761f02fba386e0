"""The comparison matrix: one row per report, one column per indicator stated by two or more.

dbt builds it as `marts.indicator_matrix`; until a snapshot has that table it is pivoted here
from `marts.indicator_values` and `marts.indicator_catalog` with the same rule.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb

from analytics.labels import column_labels, unique_headers
from analytics.snapshot import table_exists

MIN_REPORTS = 2  # an indicator only one report states compares nothing
REPORT_COLUMNS = ("report_id", "organization", "admin_level", "report_year")
REPORT_HEADERS = ("报告编号", "报告单位", "行政层级", "报告年度")


@dataclass(frozen=True)
class Matrix:
    columns: list[str]  # machine names: report columns, then indicator codes
    headers: list[str]  # Chinese headers, same order
    rows: list[tuple[Any, ...]]


def _from_mart(conn: duckdb.DuckDBPyConnection) -> Matrix:
    relation = conn.sql("select * from marts.indicator_matrix")
    columns = list(relation.columns)
    return Matrix(columns, unique_headers(columns, column_labels(conn, "marts", "indicator_matrix")),
                  relation.fetchall())


def _pivoted(conn: duckdb.DuckDBPyConnection) -> Matrix:
    indicators = conn.execute(
        """
        select v.indicator_code, c.name_zh, c.unit
        from marts.indicator_values as v
        join marts.indicator_catalog as c using (indicator_code)
        group by all
        having count(distinct v.report_id) >= ?
        order by count(distinct v.report_id) desc, v.indicator_code
        """, [MIN_REPORTS]).fetchall()
    reports = conn.execute(f"select {', '.join(REPORT_COLUMNS)} from marts.reports"
                           " order by report_year, organization").fetchall()
    values = {(report_id, code): value for report_id, code, value in
              conn.execute("select report_id, indicator_code, value from marts.indicator_values").fetchall()}
    codes = [code for code, _, _ in indicators]
    rows = [(*report, *(values.get((report[0], code)) for code in codes)) for report in reports]
    headers = [*REPORT_HEADERS, *(f"{name}（{unit}）" for _, name, unit in indicators)]
    return Matrix([*REPORT_COLUMNS, *codes], headers, rows)


def indicator_matrix(conn: duckdb.DuckDBPyConnection) -> Matrix:
    return _from_mart(conn) if table_exists(conn, "marts", "indicator_matrix") else _pivoted(conn)
