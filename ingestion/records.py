"""Rows of the raw warehouse tables for one parsed report.

Keys are derived from the report id and document order, so a re-parse of the same
file produces the same keys and replaces rows instead of adding them.
"""
from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from ingestion.model import ParsedReport, Section
from ingestion.sentences import SentenceSpan, split_sentences
from ingestion.tokens import tokenize

# Column order of every raw table; ingestion/store.py creates the tables from it.
RAW_COLUMNS: dict[str, dict[str, str]] = {
    "files": {
        "file_id": "VARCHAR", "file_name": "VARCHAR", "source_path": "VARCHAR", "size_bytes": "BIGINT",
        "encoding": "VARCHAR", "status": "VARCHAR", "report_id": "VARCHAR",
        "first_seen_at": "TIMESTAMP", "last_seen_at": "TIMESTAMP",
    },
    "reports": {
        "report_id": "VARCHAR", "file_id": "VARCHAR", "source_path": "VARCHAR", "title": "VARCHAR",
        "organization": "VARCHAR", "province": "VARCHAR", "city": "VARCHAR", "district": "VARCHAR",
        "admin_level": "VARCHAR", "report_year": "INTEGER", "publish_date": "VARCHAR", "text": "VARCHAR",
        "char_count": "INTEGER", "parser_version": "VARCHAR", "parsed_at": "TIMESTAMP",
    },
    "sections": {
        "section_id": "VARCHAR", "report_id": "VARCHAR", "section_index": "INTEGER",
        "parent_section_id": "VARCHAR", "level": "INTEGER", "marker": "VARCHAR", "title": "VARCHAR",
        "path": "VARCHAR", "part": "VARCHAR", "start_offset": "INTEGER", "body_start_offset": "INTEGER",
        "end_offset": "INTEGER", "body": "VARCHAR",
    },
    "sentences": {
        "sentence_id": "VARCHAR", "report_id": "VARCHAR", "section_id": "VARCHAR",
        "sentence_index": "INTEGER", "start_offset": "INTEGER", "end_offset": "INTEGER", "text": "VARCHAR",
    },
    "tokens": {
        "token_id": "VARCHAR", "report_id": "VARCHAR", "section_id": "VARCHAR", "sentence_id": "VARCHAR",
        "position": "INTEGER", "start_offset": "INTEGER", "term": "VARCHAR",
    },
    "indicator_mentions": {
        "mention_id": "VARCHAR", "report_id": "VARCHAR", "section_id": "VARCHAR", "mention_index": "INTEGER",
        "section_path": "VARCHAR", "metric": "VARCHAR", "value": "DOUBLE", "unit": "VARCHAR",
        "kind": "VARCHAR", "qualifier": "VARCHAR", "text": "VARCHAR", "start_offset": "INTEGER",
        "end_offset": "INTEGER", "sentence_id": "VARCHAR",
    },
    "indicator_links": {
        "link_id": "VARCHAR", "report_id": "VARCHAR", "total_mention_id": "VARCHAR",
        "part_mention_id": "VARCHAR", "rate_mention_id": "VARCHAR",
    },
    "quarantine": {
        "file_id": "VARCHAR", "file_name": "VARCHAR", "source_path": "VARCHAR", "reason": "VARCHAR",
        "message": "VARCHAR", "quarantined_at": "TIMESTAMP",
    },
}

# Tables whose rows all belong to one report and are replaced together.
REPORT_TABLES = ("reports", "sections", "sentences", "tokens", "indicator_mentions", "indicator_links")

Rows = dict[str, list[tuple]]


@dataclass(frozen=True)
class SourceFile:
    file_id: str  # sha256 hex of the bytes
    path: str
    size_bytes: int

    @property
    def report_id(self) -> str:
        return self.file_id[:16]

    @property
    def file_name(self) -> str:
        return self.path.replace("\\", "/").rsplit("/", 1)[-1]


class _Locator:
    """Which span (section or sentence) holds an offset: the last one starting at or before it."""

    def __init__(self, starts: Sequence[int], ends: Sequence[int], ids: Sequence[str]):
        self._starts, self._ends, self._ids = list(starts), list(ends), list(ids)

    def find(self, offset: int) -> str | None:
        i = bisect.bisect_right(self._starts, offset) - 1
        if i < 0 or offset >= self._ends[i]:
            return None
        return self._ids[i]


def section_id(report_id: str, index: int) -> str:
    return f"{report_id}-s{index:04d}"


def _section_locator(report_id: str, sections: Sequence[Section]) -> _Locator:
    # Sections tile the text from the first heading on, so the last section starting
    # at or before an offset is the deepest one holding it.
    return _Locator([s.start for s in sections], [s.end for s in sections],
                    [section_id(report_id, s.index) for s in sections])


def _sentence_locator(report_id: str, sentences: Sequence[SentenceSpan]) -> _Locator:
    return _Locator([s.start for s in sentences], [s.end for s in sentences],
                    [f"{report_id}-t{s.index:05d}" for s in sentences])


def report_rows(source: SourceFile, report: ParsedReport, parser_version: str, now: datetime) -> Rows:
    rid = source.report_id
    text = report.text
    meta = report.metadata
    sections_at = _section_locator(rid, report.sections)
    sentences = split_sentences(text)
    sentences_at = _sentence_locator(rid, sentences)

    rows: Rows = {name: [] for name in REPORT_TABLES}
    rows["reports"].append((
        rid, source.file_id, source.path, meta.title, meta.organization, meta.province, meta.city,
        meta.district, meta.admin_level, meta.report_year, meta.publish_date, text, len(text),
        parser_version, now,
    ))
    for s in report.sections:
        parent = section_id(rid, s.parent_index) if s.parent_index is not None else None
        rows["sections"].append((
            section_id(rid, s.index), rid, s.index, parent, s.level, s.marker, s.title, s.path,
            s.part, s.start, s.body_start, s.end, text[s.body_start:s.end].strip(),
        ))
    for s in sentences:
        rows["sentences"].append((
            f"{rid}-t{s.index:05d}", rid, sections_at.find(s.start), s.index, s.start, s.end, s.text,
        ))
    for t in tokenize(text):
        rows["tokens"].append((
            f"{rid}-w{t.position:06d}", rid, sections_at.find(t.start), sentences_at.find(t.start),
            t.position, t.start, t.term,
        ))
    for m in report.mentions:
        sid = section_id(rid, m.section_index) if m.section_index is not None else None
        rows["indicator_mentions"].append((
            f"{rid}-m{m.index:04d}", rid, sid, m.index, m.section_path, m.metric, float(m.value), m.unit,
            m.kind, m.qualifier, m.text, m.start, m.end, sentences_at.find(m.start),
        ))
    for i, link in enumerate(report.links):
        rows["indicator_links"].append((
            f"{rid}-l{i:03d}", rid, f"{rid}-m{link.total_index:04d}", f"{rid}-m{link.part_index:04d}",
            f"{rid}-m{link.rate_index:04d}",
        ))
    return rows
