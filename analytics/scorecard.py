"""The scorecard ranking: `make scorecard LEVEL=… YEAR=…` and the 评估得分 sheet of `make export`.

Both read marts.scorecards (one row per report: seven dimension scores, the total, ranks and
percentiles among the reports of the same admin level and year) from the snapshot.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import duckdb
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from analytics.labels import LEVEL_NAMES
from analytics.snapshot import table_exists

SHEET_NAME = "评估得分"
LEADING = (("national_rank", "名次"), ("organization", "报告单位"), ("admin_level", "行政层级"), ("province", "省份"),
           ("report_year", "报告年度"), ("total_score", "总分"))
TRAILING = (("national_peer_count", "同级同年报告数"), ("national_percentile", "全国百分位"),
            ("province_rank", "省内名次"), ("province_peer_count", "省内同级同年数"), ("report_id", "报告编号"))


def columns(conn: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """(column of marts.scorecards, header): the dimensions by their seed's Chinese names, in its order."""
    dimensions = conn.execute("select dimension, name_zh from marts.scorecard_dimensions"
                              " order by sort_order").fetchall()
    return [*LEADING, *((f"{code}_score", name) for code, name in dimensions), *TRAILING]


class NoScorecards(LookupError):
    """The snapshot predates the scorecard: rebuild it."""


@dataclass(frozen=True)
class Ranking:
    columns: list[tuple[str, str]]  # (column, header)
    rows: list[tuple[Any, ...]]

    @property
    def headers(self) -> list[str]:
        return [header for _, header in self.columns]


def level_code(level: str | None) -> str | None:
    """An admin level as marts.scorecards stores it, from its code or its Chinese name (区县级 → district)."""
    if level is None:
        return None
    by_name = {name: code for code, name in LEVEL_NAMES.items()}
    return by_name.get(level, level)


def ranking(conn: duckdb.DuckDBPyConnection, level: str | None = None, year: int | None = None,
            province: str | None = None) -> Ranking:
    """The scorecards of one admin level, year and province (each optional), best first within
    each group of peers."""
    if not table_exists(conn, "marts", "scorecards"):
        raise NoScorecards("this snapshot has no marts.scorecards; build the warehouse again with `make run`")
    shown = columns(conn)
    rows = conn.execute(
        f"select {', '.join(column for column, _ in shown)} from marts.scorecards"
        " where ($level is null or admin_level = $level) and ($year is null or report_year = $year)"
        " and ($province is null or province = $province)"
        " order by report_year desc nulls last, admin_level, national_rank, organization, report_id",
        {"level": level_code(level), "year": year, "province": province}).fetchall()
    return Ranking(shown, rows)


def _shown(column: str, value: Any) -> str:
    if value is None:
        return "—"  # a dimension that does not apply (no earlier report), or no peers
    if column == "admin_level":
        return LEVEL_NAMES.get(value, value)
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def format_ranking(result: Ranking, *, width: int = 220) -> str:
    """A table that aligns Chinese text; every cell is escaped, so a name like 【某某】 or
    [试行] prints as written instead of being read as rich markup."""
    table = Table(box=box.SIMPLE_HEAVY)
    shown = [(index, column) for index, (column, _) in enumerate(result.columns) if column != "report_id"]
    for index, column in shown:
        justify = "left" if column in ("organization", "province") else "right"
        table.add_column(result.columns[index][1], justify=justify)
    for row in result.rows:
        table.add_row(*(escape(_shown(column, row[index])) for index, column in shown))
    buffer = io.StringIO()
    Console(file=buffer, width=width, force_terminal=False, color_system=None).print(table)
    lines = [line.rstrip() for line in buffer.getvalue().splitlines() if line.strip()]
    note = ("名次 and 百分位 are among reports of the same admin level and year; — = not applicable"
            " (闭环 needs an earlier report) or no peers")
    if not result.rows:
        return "no scorecard for this level, year and province\n"
    count = f"{len(result.rows)} report" + ("" if len(result.rows) == 1 else "s")
    return "\n".join(lines) + f"\n{count}. {note}\n"


def sheet_rows(conn: duckdb.DuckDBPyConnection) -> Ranking | None:
    """Every scorecard, for the 评估得分 sheet; None for a snapshot without the scorecard."""
    try:
        return ranking(conn)
    except NoScorecards:
        return None
