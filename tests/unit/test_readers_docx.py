""".docx reader: Word numbering rendered, tables as lines, zip bombs refused before inflating."""
from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from ingestion.errors import (
    ArchiveTooLargeError,
    CorruptFileError,
    EmptyFileError,
    ReportError,
    UnsupportedFormatError,
)
from ingestion.parser.report import parse_text
from ingestion.readers import docx as docx_reader
from ingestion.readers import read_report_file
from ingestion.readers.docx_numbering import chinese_counting, format_number
from tests.paths import SAMPLES
from tests.unit.readers_files import (
    NUMBERING_XML,
    assert_same_report,
    docx_document_xml,
    make_docx,
    report_lines,
)

SAMPLE_FILES = sorted(SAMPLES.glob("*.txt"))
TABLE = [["指标", "数值"], ["行政复议案件", "77件"], ["行政应诉案件出庭应诉率", "100%"]]
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=[p.stem[:3] for p in SAMPLE_FILES])
def test_docx_with_word_numbered_headings_parses_like_the_txt(tmp_path: Path, sample: Path) -> None:
    lines = report_lines(sample.read_text(encoding="utf-8"))
    path = make_docx(lines, tmp_path / "report.docx")
    xml = docx_document_xml(lines)
    assert "一、" not in xml and "（一）" not in xml  # the numbers live only in numbering.xml
    text, fmt = read_report_file(path)
    assert fmt == "docx"
    assert_same_report(sample.read_text(encoding="utf-8"), text)


def test_table_rows_become_lines_and_their_figures_mentions(tmp_path: Path) -> None:
    lines = ["某区2023年法治政府建设情况报告", "一、主要举措和成效", "全年开展集体学法8次。", "主要数据如下。"]
    text, _ = read_report_file(make_docx(lines, tmp_path / "t.docx", table=TABLE, table_after=3))
    assert text.split("\n")[-3:] == ["指标\t数值", "行政复议案件\t77件", "行政应诉案件出庭应诉率\t100%"]
    mentions = {(m.metric, m.value, m.unit) for m in parse_text(text).mentions}
    assert {("行政复议案件", 77.0, "件"), ("行政应诉案件出庭应诉率", 100.0, "%")} <= mentions


def _zip(entries: dict[str, bytes | str], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buf.getvalue()


def _numbered(paragraphs: str, numbering: str) -> bytes:
    document = f'<w:document xmlns:w="{W}"><w:body>{paragraphs}</w:body></w:document>'
    return _zip({"word/document.xml": document, "word/numbering.xml": numbering})


def _p(text: str, num_id: str | None = None, level: int = 0) -> str:
    ppr = f'<w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr>' if num_id else ""
    return f"<w:p>{ppr}<w:r><w:t>{text}</w:t></w:r></w:p>"


def test_a_restarted_list_counts_from_its_start_override(tmp_path: Path) -> None:
    numbering = NUMBERING_XML.format(w=W, open="（", close="）", restart="").replace(
        "</w:numbering>",
        '<w:num w:numId="4"><w:abstractNumId w:val="7"/>'
        '<w:lvlOverride w:ilvl="1"><w:startOverride w:val="1"/></w:lvlOverride></w:num></w:numbering>')
    body = (_p("甲", "3") + _p("乙", "3", 1) + _p("丙", "3", 1) + _p("丁", "3") + _p("戊", "4", 1)
            + _p("己", "3", 2) + _p("不编号"))
    path = tmp_path / "n.docx"
    path.write_bytes(_numbered(body, numbering))
    assert read_report_file(path)[0].split("\n") == ["一、甲", "（一）乙", "（二）丙", "二、丁", "（一）戊", "1.己", "不编号"]


@pytest.mark.parametrize("n, expected", [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (35, "三十五"),
                                         (100, "一百"), (105, "一百零五"), (110, "一百一十")])
def test_chinese_counting(n: int, expected: str) -> None:
    assert chinese_counting(n) == expected


@pytest.mark.parametrize("n, fmt, expected", [
    (3, "decimal", "3"), (3, "chineseLegalSimplified", "叁"), (2, "ideographTraditional", "乙"),
    (4, "decimalEnclosedCircle", "④"), (28, "upperLetter", "BB"), (14, "lowerRoman", "xiv"),
    (7, "decimalFullWidth", "７"), (12, "ideographDigital", "一二"),
])
def test_number_formats(n: int, fmt: str, expected: str) -> None:
    assert format_number(n, fmt) == expected


# ---- bad .docx files -----------------------------------------------------------------------

def test_zip_bomb_is_refused_from_the_directory_without_inflating(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # 8 MiB of one character deflates ~1000x (under the size limit, over the ratio limit):
    # the shape of the 1.5 GB document.xml bomb.
    path = tmp_path / "bomb.docx"
    path.write_bytes(_zip({"word/document.xml": b"<" + b"a" * (8 * 1024 * 1024)}))
    def never(*args, **kwargs):
        raise AssertionError("an entry was inflated")
    monkeypatch.setattr(zipfile.ZipFile, "open", never)
    with pytest.raises(ArchiveTooLargeError, match="zip bomb") as caught:
        read_report_file(path)
    assert caught.value.reason == "archive_too_large"


def test_part_over_the_size_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_reader, "MAX_PART_BYTES", 1000)
    path = tmp_path / "big.docx"
    path.write_bytes(_zip({"word/document.xml": docx_document_xml(["字" * 2000])}, zipfile.ZIP_STORED))
    with pytest.raises(ArchiveTooLargeError):
        read_report_file(path)


def test_a_directory_that_understates_the_size_is_not_believed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The central directory says 100 bytes; the deflated stream holds far more.
    monkeypatch.setattr(docx_reader, "MAX_PART_BYTES", 10_000)
    real = _zip({"word/document.xml": b"a" * 50_000})
    lying = real.replace((50_000).to_bytes(4, "little"), (100).to_bytes(4, "little"))
    path = tmp_path / "liar.docx"
    path.write_bytes(lying)
    with pytest.raises((CorruptFileError, ArchiveTooLargeError)) as caught:
        read_report_file(path)
    assert caught.value.reason in {"corrupt", "archive_too_large"}


def test_zero_byte_docx_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "blank.docx"
    path.write_bytes(b"")
    with pytest.raises(EmptyFileError) as caught:
        read_report_file(path)
    assert caught.value.reason == "empty"


def test_docx_without_text_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "blank.docx"
    path.write_bytes(_zip({"word/document.xml": docx_document_xml([])}))
    with pytest.raises(EmptyFileError):
        read_report_file(path)


@pytest.mark.parametrize("entries, words", [
    ({"xl/workbook.xml": "<x/>"}, "Excel"),
    ({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"}, "OpenDocument"),
    ({"report.txt": "报告"}, "unpack"),
])
def test_zips_that_are_not_word_documents_are_unsupported(tmp_path: Path, entries: dict, words: str) -> None:
    path = tmp_path / "thing.docx"
    path.write_bytes(_zip(entries))
    with pytest.raises(UnsupportedFormatError, match=words):
        read_report_file(path)


def test_broken_zip_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "cut.docx"
    path.write_bytes(_zip({"word/document.xml": docx_document_xml(["报告正文。" * 50])})[:200])
    with pytest.raises(CorruptFileError) as caught:
        read_report_file(path)
    assert caught.value.reason == "corrupt"


def test_xml_with_a_dtd_is_refused(tmp_path: Path) -> None:
    xml = '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><w:document xmlns:w="%s"/>' % W
    path = tmp_path / "dtd.docx"
    path.write_bytes(_zip({"word/document.xml": xml}))
    with pytest.raises(CorruptFileError):
        read_report_file(path)


def _table(cells: str) -> str:
    return f"<w:tbl><w:tr><w:tc>{cells}</w:tc></w:tr></w:tbl>"


def _para(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def _nested_docx(tmp_path: Path, body: str) -> Path:
    from tests.hostile_inputs import _document, _docx

    return _docx(tmp_path / "tables.docx", _document(_para("某县人民政府2023年法治政府建设年度报告") + body))


def test_a_nested_table_is_read_once_after_the_row_that_holds_it(tmp_path: Path) -> None:
    inner = _table(_para("内层"))
    text, _ = read_report_file(_nested_docx(tmp_path, _table(_para("外层") + inner)))
    assert text.splitlines()[1:] == ["外层", "内层"]  # the inner text is not repeated in the outer row


def test_many_tables_side_by_side_are_not_depth(tmp_path: Path) -> None:
    siblings = "".join(_table(_para(f"表{i}")) for i in range(40))  # 40 tables in one cell: depth 2
    text, _ = read_report_file(_nested_docx(tmp_path, _table(_para("外层") + siblings)))
    assert len(text.splitlines()) == 42


def test_tables_nested_past_the_limit_are_refused(tmp_path: Path) -> None:
    body = _para("格")
    for _ in range(docx_reader.MAX_TABLE_DEPTH + 1):
        body = _table(body)
    with pytest.raises(ReportError) as caught:
        read_report_file(_nested_docx(tmp_path, body))
    assert caught.value.reason == "too_deep"
    body = _para("格")
    for _ in range(docx_reader.MAX_TABLE_DEPTH):
        body = _table(body)
    assert read_report_file(_nested_docx(tmp_path, body))[0].endswith("格")
