"""`make export`: every mart as Parquet and CSV, and one Excel workbook with the matrix and the scorecard ranking.

The CSV and Parquet files are the marts as they are (column names, codes). The workbook is for
reading: the comparison matrix first, the scorecard ranking, then one sheet per mart named in
Chinese (its dbt description's name), Chinese headers, and each coded value in Chinese beside its code.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from analytics.code_values import translators, with_labels
from analytics.display import display_width
from analytics.labels import chinese_label, column_labels, unique_headers
from analytics.matrix import indicator_matrix
from analytics.scorecard import SHEET_NAME as SCORECARD_SHEET
from analytics.scorecard import sheet_rows as scorecard_rows
from analytics.writers import write_csv, write_parquet

MATRIX_SHEET = "指标对比矩阵"
COLUMNS_SHEET = "列说明"
EXCEL_CELL_LIMIT = 32767  # characters Excel holds in one cell
_HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")
_NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\：]")
SHEET_NAME_LIMIT = 31  # characters Excel allows in a sheet name


@dataclass(frozen=True)
class Sheet:
    name: str
    headers: list[str]
    rows: list[tuple[Any, ...]]


def mart_tables(conn: duckdb.DuckDBPyConnection) -> list[str]:
    return [name for (name,) in conn.execute(
        "select table_name from duckdb_tables() where schema_name = 'marts' order by table_name").fetchall()]


def column_width(header: str, values: Sequence[Any]) -> float:
    """Wide enough for the header and typical values, never wider than a comfortable 60."""
    sample = [display_width(str(value)) for value in values[:200] if value is not None]
    typical = sorted(sample)[int(len(sample) * 0.9)] if sample else 0
    return float(min(max(display_width(header), typical, 6) + 2, 60))


def _excel_value(value: Any) -> Any:
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)[:EXCEL_CELL_LIMIT]
    if isinstance(value, (list, tuple)):
        return "、".join(map(str, value))  # name variants, years reported
    if isinstance(value, dict):
        return str(value)
    if hasattr(value, "tzinfo") and getattr(value, "tzinfo", None) is not None:
        return value.replace(tzinfo=None)  # Excel has no time zones
    return value


def write_workbook(path: Path, sheets: Sequence[Sheet]) -> Path:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in sheets:
        worksheet = workbook.create_sheet(sheet.name[:31])
        worksheet.append(sheet.headers)
        for row in sheet.rows:
            worksheet.append([_excel_value(value) for value in row])
        for cell in worksheet[1]:
            cell.font = Font(bold=True)
            cell.fill = _HEADER_FILL
            cell.alignment = Alignment(vertical="center", wrap_text=False)
        for index, header in enumerate(sheet.headers, start=1):
            values = [row[index - 1] for row in sheet.rows]
            worksheet.column_dimensions[get_column_letter(index)].width = column_width(header, values)
        worksheet.freeze_panes = "A2"
        if sheet.rows:
            worksheet.auto_filter.ref = worksheet.dimensions
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def sheet_names(conn: duckdb.DuckDBPyConnection, tables: list[str]) -> dict[str, str]:
    """Mart → its sheet's name: the Chinese name its dbt description gives (报告维度表：…), else the
    table's own name; each at most 31 characters, none twice (a name already taken gets the
    table's name beside it), none the matrix's, the ranking's or the glossary's."""
    comments = dict(conn.execute("select table_name, comment from duckdb_tables() where schema_name = 'marts'")
                    .fetchall())
    taken = {MATRIX_SHEET, SCORECARD_SHEET, COLUMNS_SHEET}
    names = {}
    for table in tables:
        label = chinese_label(comments.get(table)) or ""
        name = _NOT_IN_SHEET_NAMES.sub("", label.split("：")[0]).strip()[:SHEET_NAME_LIMIT]
        if not name:
            name = table[:SHEET_NAME_LIMIT]
        elif name in taken:  # marts.scorecards is 评估得分 too, the ranking sheet's name
            name = f"{name}（{table}）"[:SHEET_NAME_LIMIT]
        taken.add(name)
        names[table] = name
    return names


def export_all(conn: duckdb.DuckDBPyConnection, out_dir: Path) -> list[Path]:
    """Writes <mart>.parquet and <mart>.csv for every mart, and warehouse.xlsx; returns the files."""
    written: list[Path] = []
    sheets: list[Sheet] = []
    glossary: list[tuple[Any, ...]] = []
    coded = translators(dict(conn.execute("select dimension, name_zh from marts.section_taxonomy").fetchall()))
    matrix = indicator_matrix(conn)
    _, matrix_headers, matrix_rows = with_labels(matrix.columns, matrix.headers, matrix.rows, coded)
    sheets.append(Sheet(MATRIX_SHEET, matrix_headers, matrix_rows))
    scorecards = scorecard_rows(conn)
    if scorecards is not None:
        sheets.append(Sheet(SCORECARD_SHEET, scorecards.headers, scorecards.rows))
    tables = mart_tables(conn)
    if "indicator_matrix" not in tables:  # the pivot built here, exported like a mart
        written.append(write_csv(out_dir / "indicator_matrix.csv", matrix.columns, matrix.rows))
    names = sheet_names(conn, [t for t in tables if t != "indicator_matrix"])
    for table in tables:
        relation = conn.sql(f'select * from marts."{table}"')
        columns = list(relation.columns)
        rows = relation.fetchall()
        written.append(write_parquet(relation, out_dir / f"{table}.parquet"))
        written.append(write_csv(out_dir / f"{table}.csv", columns, rows))
        if table == "indicator_matrix":
            continue  # the workbook's first sheet already
        headers = unique_headers(columns, column_labels(conn, "marts", table))
        columns, headers, rows = with_labels(columns, headers, rows, coded)
        sheets.append(Sheet(names[table], headers, rows))
        glossary.extend((names[table], table, column, header)
                        for column, header in zip(columns, headers, strict=True))
    sheets.append(Sheet(COLUMNS_SHEET, ["工作表", "表名", "列名", "中文列名"], glossary))
    written.append(write_workbook(out_dir / "warehouse.xlsx", sheets))
    return written
