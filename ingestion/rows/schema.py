"""The raw layer's tables, declared once.

The DDL, the inserts (by column name, never by position) and the dbt source
documentation all come from these declarations; `tests/unit/test_raw_schema.py` fails
when `dbt_project/models/staging/_sources.yml` drifts from them.

The stored `raw.schema_version` says which declarations built a warehouse. Every raw
row is derived from the inbox, so a changed schema is met by rebuilding the raw layer
from the inbox (`store.ensure_raw_schema`), which a parser change does anyway.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    sql_type: str
    description: str


@dataclass(frozen=True)
class RawTable:
    name: str
    description: str
    columns: tuple[Column, ...]
    per_report: bool  # every row belongs to one report and is replaced with it
    key: tuple[str, ...] = ()  # when the first column is not the key on its own

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def key_columns(self) -> tuple[str, ...]:
        return self.key or self.column_names[:1]

    def ddl(self) -> str:
        cols = ", ".join(f"{c.name} {c.sql_type}" for c in self.columns)
        return f"create table raw.{self.name} ({cols})"


def _cols(*specs: tuple[str, str, str]) -> tuple[Column, ...]:
    return tuple(Column(*spec) for spec in specs)


_REPORT_ID = ("report_id", "VARCHAR", "The report: the first 16 hex digits of its bytes' SHA-256 (报告编号).")
_SECTION_ID = ("section_id", "VARCHAR", "Deepest heading holding it; null before the first heading (章节编号).")
_SENTENCE_ID = ("sentence_id", "VARCHAR", "Sentence holding it (句子编号).")

FILES = RawTable("files", "Every path seen in the inbox and what became of it; removed paths stay as history."
                 " 收件箱文件登记（含已删除文件的历史）。", _cols(
    ("source_path", "VARCHAR", "Path inside the inbox, '/'-separated; the key (收件箱内路径)."),
    ("file_name", "VARCHAR", "Last part of the path (文件名)."),
    ("file_id", "VARCHAR", "SHA-256 of the bytes; null when the file could not be read (文件内容哈希)."),
    ("size_bytes", "BIGINT", "Size in bytes (文件大小)."),
    ("modified_at", "TIMESTAMP", "File modification time (修改时间)."),
    ("encoding", "VARCHAR", "Encoding or format it was read as; null when not read (编码或格式)."),
    ("status", "VARCHAR", "parsed, alias (same bytes as another path), quarantined or removed (状态)."),
    ("report_id", "VARCHAR", "The report these bytes became, also for aliases (报告编号)."),
    ("first_seen_at", "TIMESTAMP", "First run that saw this path (首次见到)."),
    ("changed_at", "TIMESTAMP", "Last run that changed this row: new bytes, status or report (最近变更)."),
    ("removed_at", "TIMESTAMP", "Run that found the path gone; null while present (删除时间)."),
), per_report=False)

REPORTS = RawTable("reports", "One row per parsed report: clean text and metadata. 报告（正文与元数据）。", _cols(
    _REPORT_ID,
    ("file_id", "VARCHAR", "SHA-256 of the bytes it was parsed from (文件内容哈希)."),
    ("source_path", "VARCHAR", "Path of the file inside the inbox; the first path when aliases exist (来源路径)."),
    ("title", "VARCHAR", "Report title, lines joined (标题)."),
    ("organization", "VARCHAR", "Formal name of the reporting body (报告单位)."),
    ("province", "VARCHAR", "Province (省级)."),
    ("city", "VARCHAR", "Prefecture-level city; null under a municipality (地市级)."),
    ("district", "VARCHAR", "County-level unit (区县级)."),
    ("township", "VARCHAR", "Township or street (乡镇街道), for street-level bodies."),
    ("adcode", "VARCHAR", "12-digit division code of the deepest known place (行政区划代码)."),
    ("admin_level", "VARCHAR", "province, city, district, street or department (行政层级)."),
    ("body_kind", "VARCHAR", "government, department or street: what kind of body reports (主体类型)."),
    ("government_id", "VARCHAR", "One key per government body across years and name variants (政府主体编号)."),
    ("report_year", "INTEGER", "Year the report covers (报告年度)."),
    ("report_year_source", "VARCHAR", "Where the year was read: title, opening (the first sentence), meeting,"
                                      " heading, signature (the report's date), document_number or publish_date"
                                      " (报告年度来源)."),
    ("organization_source", "VARCHAR", "Where the body was read: title, signature, index_table, source_label,"
                                       " meeting, opening or self_reference (报告单位来源)."),
    ("publish_date", "VARCHAR", "Signature or publish date, ISO (发布日期)."),
    ("stated_parts", "VARCHAR", "Mandated parts the report states, comma-separated in mandated order: as"
                                " level-1 sections, or inside one as a sub-heading or run-in item (已述及的法定部分)."),
    ("text_source", "VARCHAR", "How the text was obtained: text (characters of a .txt, .html or .docx),"
                               " text_layer (a PDF's text layer) or ocr (recognised from page images) (文本来源)."),
    ("ocr_confidence", "DOUBLE", "Mean recognition confidence of the OCR'd lines, 0–1; null unless"
                                 " text_source = 'ocr' (OCR 识别置信度)."),
    ("text", "VARCHAR", "Clean report text as written (清洗后的正文)."),
    ("char_count", "INTEGER", "Characters of the clean text (字数)."),
    ("parser_version", "VARCHAR", "Hash of the parser code that produced the rows (解析器版本)."),
    ("parsed_at", "TIMESTAMP", "When it was parsed (解析时间)."),
), per_report=True)

SECTIONS = RawTable("sections", "Heading tree of each report. 报告标题层级（章节）。", _cols(
    ("section_id", "VARCHAR", "report_id-s<index> (章节编号)."),
    _REPORT_ID,
    ("section_index", "INTEGER", "Document order, from 0 (顺序)."),
    ("parent_section_id", "VARCHAR", "Enclosing heading; null on level 1 (上级章节)."),
    ("level", "INTEGER", "1 for 一、, one more per enclosing heading (层级)."),
    ("marker", "VARCHAR", "Numbering as written: 一、 （一） 1. 一是 (编号)."),
    ("title", "VARCHAR", "Heading text up to its first 。 (标题)."),
    ("path", "VARCHAR", "Markers from the root: 二/(一)/1. (路径)."),
    ("part", "VARCHAR", "Mandated report part, on level 1 (报告部分)."),
    ("start_offset", "INTEGER", "Offset of the marker in the text (起始位置)."),
    ("body_start_offset", "INTEGER", "Offset after the title (正文起始)."),
    ("end_offset", "INTEGER", "Offset of the next heading (结束位置)."),
    ("body", "VARCHAR", "Own text up to the next heading of any level (正文)."),
), per_report=True)

SENTENCES = RawTable("sentences", "Sentences of each report, split at 。！？； and line ends. 句子。", _cols(
    ("sentence_id", "VARCHAR", "report_id-t<index> (句子编号)."),
    _REPORT_ID, _SECTION_ID,
    ("sentence_index", "INTEGER", "Document order (顺序)."),
    ("start_offset", "INTEGER", "Start in the text (起始位置)."),
    ("end_offset", "INTEGER", "End in the text (结束位置)."),
    ("text", "VARCHAR", "The sentence (句子)."),
), per_report=True)

TOKENS = RawTable("tokens", "jieba words of each report (HMM off, domain dictionary), punctuation dropped."
                  " 分词结果。", _cols(
    _REPORT_ID, _SECTION_ID, _SENTENCE_ID,
    ("position", "INTEGER", "Word order in the report; with report_id the key (词序)."),
    ("start_offset", "INTEGER", "Start in the text (起始位置)."),
    ("term", "VARCHAR", "The word (词)."),
), per_report=True, key=("report_id", "position"))

INDICATOR_MENTIONS = RawTable("indicator_mentions", "Every quantitative indicator mention found in a report."
                              " 指标提及。", _cols(
    ("mention_id", "VARCHAR", "report_id-m<index> (提及编号)."),
    _REPORT_ID, _SECTION_ID,
    ("mention_index", "INTEGER", "Document order (顺序)."),
    ("section_path", "VARCHAR", "Path of its section; '' before the first heading (章节路径)."),
    ("metric", "VARCHAR", "What is measured, as worded (指标表述)."),
    ("value", "DOUBLE", "Normalised value (数值)."),
    ("unit", "VARCHAR", "Unit as written (单位)."),
    ("kind", "VARCHAR", "count, rate, change, money, duration or rank (类型)."),
    ("qualifier", "VARCHAR", "more_than, nearly, about, target or null (限定词)."),
    ("text", "VARCHAR", "Exact span in the report (原文片段)."),
    ("start_offset", "INTEGER", "Start of the span (起始位置)."),
    ("end_offset", "INTEGER", "End of the span (结束位置)."),
    _SENTENCE_ID,
), per_report=True)

INDICATOR_LINKS = RawTable("indicator_links", "Stated total, part and rate that must agree."
                           " 总数、部分与比率的对应关系。", _cols(
    ("link_id", "VARCHAR", "report_id-l<index> (编号)."),
    _REPORT_ID,
    ("total_mention_id", "VARCHAR", "The stated total (总数)."),
    ("part_mention_id", "VARCHAR", "The stated part (部分)."),
    ("rate_mention_id", "VARCHAR", "The stated rate (比率)."),
), per_report=True)

QUARANTINE = RawTable("quarantine", "Paths of the inbox that could not become a report, with the reason."
                      " 隔离区：无法解析的文件。", _cols(
    ("source_path", "VARCHAR", "Path inside the inbox; the key (收件箱内路径)."),
    ("file_name", "VARCHAR", "Last part of the path (文件名)."),
    ("file_id", "VARCHAR", "SHA-256 of the bytes; null when they could not be read (文件内容哈希)."),
    ("reason", "VARCHAR", "Stable reason code, see ingestion/errors.py (原因代码)."),
    ("message", "VARCHAR", "What went wrong and what to do (说明)."),
    ("quarantined_at", "TIMESTAMP", "When (隔离时间)."),
), per_report=False)

RAW_TABLES: dict[str, RawTable] = {t.name: t for t in (
    FILES, REPORTS, SECTIONS, SENTENCES, TOKENS, INDICATOR_MENTIONS, INDICATOR_LINKS, QUARANTINE,
)}
REPORT_TABLES: tuple[str, ...] = tuple(name for name, t in RAW_TABLES.items() if t.per_report)


def schema_version() -> str:
    """Names and types of every column: descriptions may change without a rebuild."""
    digest = hashlib.sha256()
    for table in RAW_TABLES.values():
        digest.update(table.ddl().encode())
    return digest.hexdigest()[:12]


SOURCES_HEADER = """\
# Generated from ingestion/rows/schema.py: `python -m ingestion.rows.schema > dbt_project/models/staging/_sources.yml`
# (tests/unit/test_raw_schema.py fails when this file and the declarations differ).
"""


def dbt_sources() -> dict:
    """The dbt `sources:` block for the raw layer, with each raw asset's Dagster key."""
    return {"version": 2, "sources": [{
        "name": "raw",
        "schema": "raw",
        "description": "Tables written by the Dagster ingest asset (dagster_project/assets/ingest.py) from the"
                       " report inbox: one parse per file, replaced whole when the file or the parser changes."
                       " 原始层：Dagster 解析报告文件后写入的表。",
        "tables": [{
            "name": t.name,
            "description": t.description,
            "meta": {"dagster": {"asset_key": ["raw", t.name]}},
            "columns": [{"name": c.name, "description": c.description} for c in t.columns],
        } for t in RAW_TABLES.values()],
    }]}


def render_dbt_sources() -> str:
    import yaml  # dagster's dependency; only this generator needs it

    return SOURCES_HEADER + yaml.safe_dump(dbt_sources(), allow_unicode=True, sort_keys=False, width=110)


if __name__ == "__main__":
    print(render_dbt_sources(), end="")
