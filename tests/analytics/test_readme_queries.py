"""The README is a promise: every SQL block in it runs on a warehouse built from the bundled
samples, and where the README shows the result as a table, the query returns that table."""
from __future__ import annotations

import re

import duckdb
import pytest

from tests.paths import PROJECT_ROOT

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
# A ```sql block, optionally followed by blank lines and a markdown table of its output.
BLOCK = re.compile(r"```sql\n(?P<sql>.*?)```\n(?:[ \t]*\n)*(?P<table>(?:\|[^\n]*\|\n)+)?", re.DOTALL)
BLOCKS = [(m.group("sql"), m.group("table")) for m in BLOCK.finditer(README)]


def _statements(sql: str) -> list[str]:
    parts = [p for p in sql.split(";")]
    return [p for p in parts if any(line.strip() and not line.strip().startswith("--") for line in p.splitlines())]


def _shown_rows(table: str) -> list[list[str]]:
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in table.strip().splitlines()]
    return [r for r in rows[2:]]  # header and the :--- rule


def test_the_readme_has_sql_to_check():
    assert len(BLOCKS) >= 8 and sum(table is not None for _, table in BLOCKS) >= 5


@pytest.mark.parametrize(("sql", "table"), BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_every_readme_query_runs_and_returns_what_the_readme_shows(built_warehouse, sql, table):
    with duckdb.connect(str(built_warehouse.snapshot), read_only=True) as conn:
        results = [conn.execute(statement).fetchall() for statement in _statements(sql)]
    if table is None:
        return
    shown = _shown_rows(table)
    rows = results[-1]
    got = [[_cell(value) for value in row] for row in rows]
    assert [[_elided(cell, want) for cell, want in zip(row, wanted, strict=True)] for row, wanted in
            zip(got, shown, strict=True)] == shown


def _elided(cell: str, shown: str) -> str:
    """The README may shorten a long cell with …: the cell as shown when it begins and ends so."""
    head, _, tail = shown.partition("…")
    if "…" in shown and len(cell) >= len(head) + len(tail) and cell.startswith(head) and cell.endswith(tail):
        return shown
    return cell


def _cell(value) -> str:
    """A value as the README's tables write it: numbers without trailing zeros, null as blank."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.10g}"
    return str(value)


MART_ROW = re.compile(r"^\| (`marts\.\w+`(?:, `marts\.\w+`)*) \| [^|]* \| ([^|]*) \|$", re.M)


def _listed_columns(cell: str) -> list[str]:
    """The leading comma-separated column names of a table cell ("report_id, title, …, then …")."""
    names = []
    for item in cell.split(", "):
        if not re.fullmatch(r"[a-z_]+", item.strip()):
            break
        names.append(item.strip())
    return names


def test_the_columns_the_readme_lists_for_each_mart_exist(snapshot_conn):
    listed = [(re.findall(r"`marts\.(\w+)`", marts), _listed_columns(cell)) for marts, cell in MART_ROW.findall(README)]
    assert sum(bool(columns) for _, columns in listed) >= 6
    for tables, columns in listed:
        for table in tables:
            actual = {c for (c,) in snapshot_conn.execute(
                "select column_name from duckdb_columns() where schema_name = 'marts' and table_name = ?",
                [table]).fetchall()}
            assert set(columns) <= actual, f"marts.{table}: README lists {sorted(set(columns) - actual)}"
