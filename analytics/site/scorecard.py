"""The scorecard on the report site: one page per report (scorecards/<report_id>.html) and the
ranking page (ranking.html), read from marts.scorecards and marts.scorecard_items.

A scorecard page shows the seven dimension scores as a chart and every item with its value,
score, explanation and evidence; each piece of evidence links to the anchor of its section
(#s-<section_id>) or figure (#m-<mention_id>) on the report page, and a shared sentence links
to the other government's report that has it.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import duckdb
from jinja2 import Environment
from markupsafe import Markup

from analytics.site.charts import Bar, bar_chart
from analytics.site.data import _has_table, _params, _records, _where, load_scorecard_dimensions


@dataclass(frozen=True)
class Evidence:
    text: str
    href: str  # relative to a page in scorecards/
    other_name: str | None = None  # the other government's report that has the same sentence
    other_href: str | None = None


@dataclass(frozen=True)
class Item:
    item_code: str
    name_zh: str
    value: float | None
    unit: str
    score: float | None
    status: str
    explanation: str | None
    self_reported: bool
    evidence: list[Evidence]


@dataclass(frozen=True)
class Dimension:
    code: str
    name_zh: str
    score: float | None
    items: list[Item]


@dataclass(frozen=True)
class Scorecard:
    report_id: str
    organization: str
    admin_level: str | None
    province: str | None
    report_year: int | None
    total_score: float
    national_rank: int
    national_peer_count: int
    national_percentile: float | None
    province_rank: int | None  # None where the province is not known
    province_peer_count: int | None
    province_percentile: float | None
    dimensions: list[Dimension] = field(default_factory=list)


# Only reports still in marts.reports: a page never links to a report page that is gone.
SCORECARDS_SQL = """
    select s.*
    from marts.scorecards as s
    join marts.reports as r using (report_id)
    {where}
    order by s.report_year desc nulls last, s.admin_level, s.national_rank, s.organization, s.report_id"""
ITEMS_SQL = """
    select i.report_id, c.sort_order, i.item_code, i.dimension, i.item_name_zh as name_zh, i.value, i.unit,
           i.score, i.status, i.explanation, i.self_reported, i.evidence
    from marts.scorecard_items as i
    join marts.scorecard_catalog as c using (item_code)
    {where}
    order by i.report_id, c.sort_order"""
# The other governments' reports that a page's evidence names (a shared sentence's source).
OTHERS_SQL = """
    select distinct i.report_id, o.report_id as other_report_id, o.organization || '（' || o.report_year || '）' as name
    from marts.scorecard_items as i, unnest(i.evidence) as u(e)
    join marts.reports as o on o.report_id = e.other_report_id
    {where}
    order by i.report_id, o.report_id"""


def has_scorecards(conn: duckdb.DuckDBPyConnection) -> bool:
    """A snapshot built before the scorecard existed has no scorecard pages."""
    return _has_table(conn, "marts", "scorecards") and _has_table(conn, "marts", "scorecard_items")


def evidence_href(piece: dict[str, Any]) -> str:
    """The report page's anchor of a piece of evidence: its figure, else its section, else the page."""
    page = f"../reports/{piece['report_id']}.html"
    if piece.get("mention_id"):
        return f"{page}#m-{piece['mention_id']}"
    if piece.get("section_id"):
        return f"{page}#s-{piece['section_id']}"
    return page


def _item(row: dict[str, Any], others: dict[str, str]) -> Item:
    evidence = [Evidence(piece["text"] or "", evidence_href(piece), others.get(piece["other_report_id"]),
                         f"../reports/{piece['other_report_id']}.html" if piece["other_report_id"] else None)
                for piece in row.pop("evidence") or []]
    return Item(**row, evidence=evidence)


def load_scorecards(conn: duckdb.DuckDBPyConnection, report_ids: list[str] | None,
                    names: dict[str, str]) -> list[Scorecard]:
    """Scorecards with their items; report_ids: those reports (a batch), None: all."""
    items: dict[str, list[dict[str, Any]]] = {}
    for row in _records(conn, ITEMS_SQL.format(where=_where(report_ids, "i.report_id")), _params(report_ids)):
        items.setdefault(row.pop("report_id"), []).append(row)
    others: dict[str, dict[str, str]] = {}
    for row in _records(conn, OTHERS_SQL.format(where=_where(report_ids, "i.report_id")), _params(report_ids)):
        others.setdefault(row["report_id"], {})[row["other_report_id"]] = row["name"]
    cards = []
    for row in _records(conn, SCORECARDS_SQL.format(where=_where(report_ids, "s.report_id")), _params(report_ids)):
        report_items = items.get(row["report_id"], [])
        dimensions = []
        for code, name in names.items():
            members = [_item({k: v for k, v in item.items() if k not in ("dimension", "sort_order")},
                             others.get(row["report_id"], {}))
                       for item in report_items if item["dimension"] == code]
            dimensions.append(Dimension(code, name, row.get(f"{code}_score"), members))
        fields = Scorecard.__dataclass_fields__
        cards.append(Scorecard(**{k: v for k, v in row.items() if k in fields and k != "dimensions"},
                               dimensions=dimensions))
    return cards


def dimension_chart(card: Scorecard) -> Markup:
    """The dimension scores as bars on a 0–100 axis; a dimension that does not apply has no bar."""
    bars = [Bar(d.name_zh, d.score, f"{d.score:.1f}", "；".join(f"{i.name_zh} {i.score:.0f}" for i in d.items
                                                                if i.score is not None))
            for d in card.dimensions if d.score is not None]
    return bar_chart(bars, "rate", f"{card.organization}：七个维度的得分")


def scorecard_page(report_id: str) -> str:
    return f"scorecards/{report_id}.html"


def scorecard_fingerprints(conn: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """report_id → a hash of every row its scorecard page shows (its peers' arrival moves its rank).
    DuckDB's hash() of each row, not md5 of its text: an item's evidence cast to text is most of
    the cost; a new DuckDB hash only renders every page once."""
    def per_report(sql: str) -> str:
        return (f"select report_id, md5(string_agg(h, ',' order by h)) as h from"
                f" (select report_id, cast(hash(q) as varchar) as h from ({sql.format(where='')}) as q)"
                f" group by report_id")
    return dict(conn.execute(f"""
        with c as ({per_report(SCORECARDS_SQL)}), i as ({per_report(ITEMS_SQL)}), o as ({per_report(OTHERS_SQL)})
        select c.report_id, md5(c.h || coalesce(i.h, '-') || coalesce(o.h, '-'))
        from c left join i using (report_id) left join o using (report_id)""").fetchall())


def load_ranking(conn: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Every scorecard's summary row (no items), best first within each level and year."""
    return _records(conn, SCORECARDS_SQL.format(where=""))


def render_scorecard_pages(environment: Environment, cards: list[Scorecard], snapshot_name: str) -> dict[str, str]:
    template = environment.get_template("scorecard.html")
    return {scorecard_page(card.report_id): template.render(root="../", card=card, chart=dimension_chart(card),
                                                             snapshot_name=snapshot_name)
            for card in cards}


def render_ranking(environment: Environment, rows: list[dict[str, Any]], names: dict[str, str],
                   snapshot_name: str) -> dict[str, str]:
    def distinct(key: str) -> list[Any]:
        return sorted({row[key] for row in rows if row[key] is not None}, reverse=key == "report_year")

    return {"ranking.html": environment.get_template("ranking.html").render(
        root="", rows=rows, names=names, levels=distinct("admin_level"), provinces=distinct("province"),
        years=distinct("report_year"), snapshot_name=snapshot_name)}


def render_pages(conn: duckdb.DuckDBPyConnection, environment: Environment, report_ids: list[str],
                 snapshot_name: str, batch_size: int) -> Iterator[dict[str, str]]:
    """The scorecard pages of report_ids, batch_size at a time (their items and evidence are loaded
    per batch), then the ranking page of every scorecard."""
    names = load_scorecard_dimensions(conn)
    for start in range(0, len(report_ids), batch_size):
        cards = load_scorecards(conn, report_ids[start:start + batch_size], names)
        yield render_scorecard_pages(environment, cards, snapshot_name)
    yield render_ranking(environment, load_ranking(conn), names, snapshot_name)
