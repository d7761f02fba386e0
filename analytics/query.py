"""`make query SQL="…"`: one SQL statement on the snapshot, printed or written to a file."""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from analytics.writers import write_csv, write_json, write_parquet

FORMATS = ("table", "csv", "json", "parquet")


@dataclass(frozen=True)
class QueryResult:
    columns: list[str]
    rows: list[tuple[Any, ...]]


def run_query(conn: duckdb.DuckDBPyConnection, sql: str) -> QueryResult:
    relation = conn.sql(sql)
    if relation is None:  # a statement that returns nothing, e.g. `set …`
        return QueryResult([], [])
    return QueryResult(list(relation.columns), relation.fetchall())


def _cell(value: Any, max_chars: int) -> str:
    text = "" if value is None else str(value)
    text = " ".join(text.split())  # a body's line breaks would break the table
    return text if len(text) <= max_chars else text[: max_chars - 1] + "…"


def format_table(result: QueryResult, *, max_rows: int = 200, max_chars: int = 60, width: int = 200) -> str:
    """A boxed table that aligns Chinese text (rich counts a CJK character as two columns)."""
    table = Table(box=box.SIMPLE_HEAVY, show_lines=False)
    for column in result.columns:
        table.add_column(Text(column), overflow="fold")
    for row in result.rows[:max_rows]:
        # Text, not str: a cell is shown as written, never read as Rich markup ([bold], [/注释], :x:).
        table.add_row(*(Text(_cell(value, max_chars)) for value in row))
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=False, color_system=None, emoji=False,
                      highlight=False)
    console.print(table)
    hidden = len(result.rows) - max_rows
    count = f"{len(result.rows)} rows" + (f" ({hidden} not shown; use FORMAT=csv OUT=…)" if hidden > 0 else "")
    lines = [line.rstrip() for line in buffer.getvalue().splitlines()]
    return "\n".join(line for line in lines if line) + "\n" + count + "\n"


def write_result(conn: duckdb.DuckDBPyConnection, sql: str, fmt: str, out: Path) -> Path:
    """Writes the result of `sql` to `out` as csv (UTF-8 with BOM), json or parquet."""
    if fmt == "parquet":
        return write_parquet(conn.sql(sql), out)
    result = run_query(conn, sql)
    writer = {"csv": write_csv, "json": write_json}[fmt]
    return writer(out, result.columns, result.rows)
