from __future__ import annotations

from datetime import datetime

from ingestion.model import Mention, ParsedReport, ReportMetadata, Section
from ingestion.records import RAW_COLUMNS, SourceFile, report_rows
from ingestion.sentences import split_sentences

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
    source = SourceFile(file_id="ab" * 32, path="/in/r.txt", size_bytes=10)
    rows = report_rows(source, _report(), "v1", datetime(2025, 1, 1))
    for table, table_rows in rows.items():
        assert all(len(r) == len(RAW_COLUMNS[table]) for r in table_rows), table
    rid = "ab" * 8
    assert rows["reports"][0][0] == rid
    sections = {r[0]: r for r in rows["sections"]}
    assert sections[f"{rid}-s0001"][3] == f"{rid}-s0000"  # parent
    assert sections[f"{rid}-s0001"][12] == "办理复议案件12件。"  # own body
    mention = rows["indicator_mentions"][0]
    assert mention[2] == f"{rid}-s0001"
    sentence_of_mention = {r[0]: r[6] for r in rows["sentences"]}[mention[13]]
    assert sentence_of_mention == "办理复议案件12件。"
    # Text before the first heading has no section.
    assert rows["sentences"][0][2] is None and rows["sentences"][0][6] == "前言。"


def test_sentences_split_at_end_punctuation_and_line_ends_with_offsets():
    text = "一是加强学习；二是完善制度。\n标题行\n问句？"
    spans = split_sentences(text)
    assert [s.text for s in spans] == ["一是加强学习；", "二是完善制度。", "标题行", "问句？"]
    assert all(text[s.start:s.end] == s.text for s in spans)
