"""One page per reporting body: its reports over the years and its indicators year by year
(`marts.governments`, `marts.indicator_trends`), read from the snapshot into plain records."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

import duckdb


@dataclass(frozen=True)
class GovernmentReport:
    report_id: str
    organization: str
    report_year: int | None


@dataclass(frozen=True)
class YearValue:
    """One indicator of one report year, with the change against the government's previous stated year."""
    report_id: str
    report_year: int
    value: float
    unit: str | None
    sentence: str | None
    previous_year: int | None
    change: float | None
    change_pct: float | None


@dataclass(frozen=True)
class GovernmentIndicator:
    code: str
    name: str
    kind: str
    values: list[YearValue]  # by year

    @property
    def by_year(self) -> dict[int, YearValue]:
        """Year → its value (the later-published report's, where a year has two, as in the mart)."""
        return {value.report_year: value for value in self.values}


@dataclass(frozen=True)
class Government:
    government_id: str
    name: str
    name_variants: list[str]
    body_kind: str | None
    admin_level: str | None
    province: str | None
    city: str | None
    district: str | None
    reports: list[GovernmentReport] = field(default_factory=list)
    indicators: list[GovernmentIndicator] = field(default_factory=list)

    @property
    def years(self) -> list[int]:
        return sorted({r.report_year for r in self.reports if r.report_year is not None})


def government_page(government_id: str) -> str:
    """A file name for any key (keys hold ':' and Chinese names, and `name:…` would read as a URL scheme)."""
    return f"governments/{hashlib.md5(government_id.encode()).hexdigest()[:16]}.html"


GOVERNMENTS_SQL = """
    select government_id, coalesce(formal_name, government_id) as name, name_variants, body_kind, admin_level,
           province, city, district
    from marts.governments {where} order by government_id"""
REPORTS_SQL = """
    select government_id, report_id, coalesce(organization, '未识别') as organization, report_year
    from marts.reports {where} order by government_id, report_year, report_id"""
VALUES_SQL = """
    select government_id, indicator_code, indicator_name_zh, kind, report_id, report_year, value, unit, sentence,
           previous_year, change, change_pct
    from marts.indicator_trends {where} order by government_id, indicator_code, report_year, report_id"""


def has_governments(conn: duckdb.DuckDBPyConnection) -> bool:
    return conn.execute("select count(*) from duckdb_tables() where schema_name = 'marts'"
                        " and table_name = 'governments'").fetchone()[0] > 0


def _has_trends(conn: duckdb.DuckDBPyConnection) -> bool:
    return conn.execute("select count(*) from duckdb_tables() where schema_name = 'marts'"
                        " and table_name = 'indicator_trends'").fetchone()[0] > 0


def _rows(conn: duckdb.DuckDBPyConnection, sql: str, ids: list[str] | None) -> list[dict[str, Any]]:
    where = "" if ids is None else "where government_id in (select unnest($ids::varchar[]))"
    relation = conn.execute(sql.format(where=where), {} if ids is None else {"ids": ids})
    columns = [column[0] for column in relation.description]
    return [dict(zip(columns, row, strict=True)) for row in relation.fetchall()]


def load_governments(conn: duckdb.DuckDBPyConnection, ids: list[str] | None = None) -> list[Government]:
    """Governments with their reports and indicator values; ids: those governments, None: all."""
    reports: dict[str, list[GovernmentReport]] = {}
    for row in _rows(conn, REPORTS_SQL, ids):
        reports.setdefault(row.pop("government_id"), []).append(GovernmentReport(**row))
    indicators: dict[str, list[GovernmentIndicator]] = {}
    for row in _rows(conn, VALUES_SQL, ids) if _has_trends(conn) else []:
        government = indicators.setdefault(row.pop("government_id"), [])
        code, name, kind = row.pop("indicator_code"), row.pop("indicator_name_zh"), row.pop("kind")
        if not government or government[-1].code != code:
            government.append(GovernmentIndicator(code, name, kind, []))
        government[-1].values.append(YearValue(**row))
    governments = []
    for row in _rows(conn, GOVERNMENTS_SQL, ids):
        government_id = row["government_id"]
        governments.append(Government(**{**row, "name_variants": list(row["name_variants"] or [])},
                                      reports=reports.get(government_id, []),
                                      indicators=indicators.get(government_id, [])))
    return governments


def government_fingerprints(conn: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """government_id → a hash of every row its page shows (hashed in SQL, a row at a time)."""
    def hashed(sql: str) -> str:
        return (f"select government_id, md5(string_agg(h, '' order by h)) as h from"
                f" (select government_id, md5(q::varchar) as h from ({sql.format(where='')}) as q)"
                f" group by government_id")
    parts = {"g": GOVERNMENTS_SQL, "r": REPORTS_SQL, **({"v": VALUES_SQL} if _has_trends(conn) else {})}
    ctes = ", ".join(f"{name} as ({hashed(sql)})" for name, sql in parts.items())
    joined = " ".join(f"left join {name} using (government_id)" for name in parts if name != "g")
    combined = " || '|' || ".join(f"coalesce({name}.h, '-')" for name in parts)
    return dict(conn.execute(f"with {ctes} select government_id, md5({combined}) from g {joined}").fetchall())
