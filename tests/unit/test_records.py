from __future__ import annotations

from datetime import datetime
from pathlib import Path

import numpy as np

from ingestion.chinese.sentences import split_sentences
from ingestion.intake.inventory import InboxFile
from ingestion.parser.model import Mention, ParsedReport, ReportMetadata, Section
from ingestion.rows.report_rows import report_rows
from ingestion.rows.schema import RAW_TABLES

TEXT = "前言。\n一、举措\n（一）复议\n办理复议案件12件。\n二、不足\n"


def _report() -> ParsedReport:
    h1 = TEXT.index("一、")
    h2 = TEXT.index("（一）")
    h3 = TEXT.index("二、")
    sections = (
        Section(0, 1, "一、", "举措", None, "一", "measures", h1, h1 + 4, h2),
        Section(1, 2, "（一）", "复议", 0, "一/(一)", None, h2, h2 + 5, h3),
        Section(2, 1, "二、", "不足", None, "二", "shortcomings", h3, h3 + 4, len(TEXT)),
    )
    start = TEXT.index("12件")
    mention = Mention(0, 1, "一/(一)", "办理复议案件", "12件", 12, "件", "count", None, start, start + 3)
    return ParsedReport(TEXT, ReportMetadata(title="t", report_year=2023), sections, (mention,))


def test_rows_match_the_raw_columns_and_link_to_sections_and_sentences():
    source = InboxFile("r.txt", Path("/in/r.txt"), 10, datetime(2025, 1, 1), file_id="ab" * 32)
    rows = report_rows(source, _report(), "v1", datetime(2025, 1, 1))
    for table, columns in rows.items():
        assert tuple(columns) == RAW_TABLES[table].column_names, table
        assert len({len(values) for values in columns.values()}) == 1, table
    rid = "ab" * 8
    assert rows["reports"]["report_id"] == [rid]
    sections = rows["sections"]
    i = sections["section_id"].index(f"{rid}-s0001")
    assert sections["parent_section_id"][i] == f"{rid}-s0000"
    assert sections["body"][i] == "办理复议案件12件。"  # own body
    mentions = rows["indicator_mentions"]
    assert mentions["section_id"] == [f"{rid}-s0001"]
    sentences = rows["sentences"]
    sentence_of_mention = dict(zip(sentences["sentence_id"], sentences["text"]))[mentions["sentence_id"][0]]
    assert sentence_of_mention == "办理复议案件12件。"
    # Text before the first heading has no section.
    assert sentences["section_id"][0] is None and sentences["text"][0] == "前言。"
    tokens = rows["tokens"]
    assert set(tokens["sentence_id"].to_pylist()) <= set(sentences["sentence_id"])
    at_12 = tokens["start_offset"].to_pylist().index(TEXT.index("12件"))
    assert (tokens["section_id"][at_12].as_py(), tokens["report_id"][at_12].as_py()) == (f"{rid}-s0001", rid)
    assert tokens["position"].to_pylist() == list(range(len(tokens["term"])))


def test_sentences_split_at_end_punctuation_and_line_ends_with_offsets():
    text = "一是加强学习；二是完善制度。\n标题行\n问句？"
    spans = split_sentences(text)
    assert [s.text for s in spans] == ["一是加强学习；", "二是完善制度。", "标题行", "问句？"]
    assert all(text[s.start:s.end] == s.text for s in spans)


def test_many_sorted_offsets_are_placed_like_one_by_one():
    from ingestion.rows.report_rows import _Locator

    locator = _Locator([5, 10, 25], [8, 20, 30], ["a", "b", "c"])
    offsets = [0, 5, 7, 8, 9, 10, 19, 20, 24, 25, 29, 30, 40]
    expected = [None, "a", "a", None, None, "b", "b", None, None, "c", "c", None, None]
    assert [locator.find(o) for o in offsets] == expected
    assert locator.find_sorted(offsets) == expected
    assert locator.ids_of_sorted(np.array(offsets, dtype=np.int32)).to_pylist() == expected
    assert _Locator([], [], []).ids_of_sorted(np.array([0, 4], dtype=np.int32)).to_pylist() == [None, None]
