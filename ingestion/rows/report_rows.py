"""Rows of the raw warehouse tables for one parsed report.

Keys are derived from the report id and document order, so a re-parse of the same
file produces the same keys and replaces rows instead of adding them.
"""
from __future__ import annotations

import bisect
from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

import numpy as np
import pyarrow as pa

from ingestion.chinese.sentences import SentenceSpan, split_sentences
from ingestion.chinese.tokens import token_columns
from ingestion.parser.model import ParsedReport, Section
from ingestion.rows.schema import RAW_TABLES, REPORT_TABLES

# Column batches: table → column → values. Columnar, because a report has thousands of
# tokens and a row object each would cost more than the parse; named, so a reordered or
# added column can never shift values into the wrong place. A column is a list, or for the
# token table an Arrow array: its ids are placed by numpy and never become a string each.
TableColumns = dict[str, list | pa.Array]
Rows = dict[str, TableColumns]


class SourceFile(Protocol):
    """The file a report was read from, as the rows name it (the intake's InboxFile is one)."""

    @property
    def path(self) -> str: ...

    @property
    def file_id(self) -> str | None: ...

    @property
    def report_id(self) -> str: ...


def empty_rows(tables: Sequence[str] = REPORT_TABLES) -> Rows:
    return {t: {c: [] for c in RAW_TABLES[t].column_names} for t in tables}


def _append(columns: TableColumns, **values) -> None:
    if values.keys() != columns.keys():
        raise KeyError(f"columns {sorted(set(values) ^ set(columns))} do not match the declared table")
    for name, value in values.items():
        columns[name].append(value)


def _extend(columns: TableColumns, **values: list) -> None:
    """_append of many rows at once, column by column (sentences are sorted, so are their starts)."""
    if values.keys() != columns.keys():
        raise KeyError(f"columns {sorted(set(values) ^ set(columns))} do not match the declared table")
    for name, column in values.items():
        columns[name].extend(column)


def row_count(columns: TableColumns) -> int:
    return len(next(iter(columns.values()), []))


class _Locator:
    """Which span (section or sentence) holds an offset: the last one starting at or before it."""

    def __init__(self, starts: Sequence[int], ends: Sequence[int], ids: Sequence[str]):
        self._starts, self._ends, self._ids = list(starts), list(ends), list(ids)

    @property
    def ids(self) -> list[str]:
        return self._ids

    def find_sorted(self, offsets: Sequence[int]) -> list[str | None]:
        """find() of many ascending offsets at once: spans do not overlap, so two bisections
        per span place every offset (a report has thousands of tokens)."""
        out: list[str | None] = []
        done = 0
        for start, end, span_id in zip(self._starts, self._ends, self._ids):
            first = bisect.bisect_left(offsets, start, done)
            stop = bisect.bisect_left(offsets, end, first)
            out += [None] * (first - done)
            out += [span_id] * (stop - first)
            done = stop
        return out + [None] * (len(offsets) - done)

    def ids_of_sorted(self, offsets: np.ndarray) -> pa.DictionaryArray:
        """find_sorted as a dictionary-encoded Arrow array of ids (null outside every span), placed in C."""
        if not self._ids:
            return pa.DictionaryArray.from_arrays(pa.nulls(len(offsets), pa.int32()), pa.array([], pa.string()))
        index = np.searchsorted(np.asarray(self._starts), offsets, side="right").astype(np.int32) - 1
        inside = index >= 0
        index[~inside] = 0
        inside &= offsets < np.asarray(self._ends)[index]
        return pa.DictionaryArray.from_arrays(pa.array(index, mask=~inside), pa.array(self._ids, pa.string()))

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

    rows = empty_rows()
    _append(rows["reports"], report_id=rid, file_id=source.file_id, source_path=source.path, title=meta.title,
            organization=meta.organization, province=meta.province, city=meta.city, district=meta.district,
            township=meta.township, adcode=meta.adcode, admin_level=meta.admin_level, body_kind=meta.body_kind,
            government_id=meta.government_id, report_year=meta.report_year,
            report_year_source=meta.report_year_source, organization_source=meta.organization_source,
            publish_date=meta.publish_date, stated_parts=",".join(report.stated_parts),
            text_source=report.text_source, ocr_confidence=report.ocr_confidence,
            text=text, char_count=len(text), parser_version=parser_version, parsed_at=now)
    sections = report.sections
    _extend(rows["sections"], section_id=sections_at.ids, report_id=[rid] * len(sections),
            section_index=[s.index for s in sections],
            parent_section_id=[section_id(rid, s.parent_index) if s.parent_index is not None else None
                               for s in sections],
            level=[s.level for s in sections], marker=[s.marker for s in sections], title=[s.title for s in sections],
            path=[s.path for s in sections], part=[s.part for s in sections], start_offset=[s.start for s in sections],
            body_start_offset=[s.body_start for s in sections], end_offset=[s.end for s in sections],
            body=[text[s.body_start:s.end].strip() for s in sections])
    _extend(rows["sentences"], sentence_id=sentences_at.ids, report_id=[rid] * len(sentences),
            section_id=sections_at.find_sorted([s.start for s in sentences]),
            sentence_index=[s.index for s in sentences], start_offset=[s.start for s in sentences],
            end_offset=[s.end for s in sentences], text=[s.text for s in sentences])
    _token_columns(rows["tokens"], rid, text, sections_at, sentences_at)
    mentions = report.mentions
    _extend(rows["indicator_mentions"], mention_id=[f"{rid}-m{m.index:04d}" for m in mentions],
            report_id=[rid] * len(mentions),
            section_id=[section_id(rid, m.section_index) if m.section_index is not None else None for m in mentions],
            mention_index=[m.index for m in mentions], section_path=[m.section_path for m in mentions],
            metric=[m.metric for m in mentions], value=[float(m.value) for m in mentions],
            unit=[m.unit for m in mentions], kind=[m.kind for m in mentions],
            qualifier=[m.qualifier for m in mentions], text=[m.text for m in mentions],
            start_offset=[m.start for m in mentions], end_offset=[m.end for m in mentions],
            sentence_id=[sentences_at.find(m.start) for m in mentions])
    for i, link in enumerate(report.links):
        _append(rows["indicator_links"], link_id=f"{rid}-l{i:03d}", report_id=rid,
                total_mention_id=f"{rid}-m{link.total_index:04d}", part_mention_id=f"{rid}-m{link.part_index:04d}",
                rate_mention_id=f"{rid}-m{link.rate_index:04d}")
    return rows


def _token_columns(columns: TableColumns, rid: str, text: str, sections_at: _Locator,
                   sentences_at: _Locator) -> None:
    """Arrow arrays, not lists: a report has thousands of tokens, and a Python object per token
    and column would cost more than segmenting them. No token_id: (report_id, position) is the
    key, and stg_tokens derives the id."""
    starts, terms = token_columns(text)
    offsets = np.fromiter(starts, dtype=np.int32, count=len(starts))
    columns["report_id"] = pa.DictionaryArray.from_arrays(np.zeros(len(terms), dtype=np.int32), [rid])
    columns["section_id"] = sections_at.ids_of_sorted(offsets)
    columns["sentence_id"] = sentences_at.ids_of_sorted(offsets)
    columns["position"] = pa.array(np.arange(len(terms), dtype=np.int32))
    columns["start_offset"] = pa.array(offsets)
    columns["term"] = pa.array(terms, pa.string())
