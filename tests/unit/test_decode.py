"""Decoding report files: encodings, HTML, .docx and every typed error."""
from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from ingestion import readers
from ingestion.errors import (
    BinaryFileError,
    EmptyFileError,
    EncodingError,
    FileTooLargeError,
    UnsupportedFormatError,
)
from ingestion.readers import read_report_file
from ingestion.readers.html import html_to_text
from ingestion.readers.text import decode_bytes

REPORT = "某县人民政府2022年度法治政府建设情况报告\n一、主要举措和成效\n全年开展集体学法8次，培训干部300人次。\n"


@pytest.mark.parametrize(
    "encoding, expected",
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("gbk", "gb18030"),
        ("gb18030", "gb18030"),
        ("utf-16", "utf-16"),  # with BOM
        ("utf-16-le", "utf-16-le"),  # no BOM
        ("utf-16-be", "utf-16-be"),
    ],
)
def test_encodings_round_trip_through_a_file(tmp_path: Path, encoding: str, expected: str) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(REPORT.encode(encoding))
    text, used = read_report_file(path)
    assert text == REPORT
    assert used == expected


def test_gb18030_only_character_survives() -> None:
    # 㵘 is outside GBK; a GBK decoder would fail on it, gb18030 must not.
    text = "在㵘村设立法律服务站，共计建成站点十二个，服务群众。" * 3
    assert decode_bytes(text.encode("gb18030"))[0] == text


def test_bom_is_not_kept_in_text() -> None:
    text, _ = decode_bytes("\ufeff报告正文。".encode("utf-8"))
    assert not text.startswith("\ufeff")


@pytest.mark.parametrize("data", [b"", b"   \r\n\t ", "\u3000\u3000\n".encode("utf-8"), "  \n".encode("utf-16")])
def test_empty_or_whitespace_only_is_empty(data: bytes) -> None:
    with pytest.raises(EmptyFileError):
        decode_bytes(data)


@pytest.mark.parametrize("data", [b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", bytes(range(256)) * 4])
def test_binary_content_is_refused(data: bytes) -> None:
    with pytest.raises(BinaryFileError):
        decode_bytes(data)


def test_undecodable_bytes_raise_encoding_error() -> None:
    # A UTF-8 BOM promises UTF-8; the rest is not.
    with pytest.raises(EncodingError):
        decode_bytes(b"\xef\xbb\xbf\xff\xfe\xfd\xfc abc")


def test_too_large_file_is_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readers, "MAX_BYTES", 10)
    path = tmp_path / "big.txt"
    path.write_bytes("报告".encode("utf-8") * 10)
    with pytest.raises(FileTooLargeError):
        read_report_file(path)


@pytest.mark.parametrize("name", ["report.pdf", "report.doc", "report.wps", "report.xlsx"])
def test_unhandled_suffixes_are_unsupported(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"anything")
    with pytest.raises(UnsupportedFormatError):
        read_report_file(path)


def test_html_blocks_become_lines_and_scripts_vanish(tmp_path: Path) -> None:
    html = (
        "<html><head><title>站点</title><style>p{color:red}</style></head><body>"
        "<script>var x = '不要';</script><h1>某区2022年法治政府建设报告</h1>"
        "<p>一、主要举措&nbsp;和成效</p><div>全年办结<b>12</b>件。<br/>第二行。</div></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_bytes(html.encode("gbk"))
    text, encoding = read_report_file(path)
    assert encoding == "gb18030"
    assert text.split("\n") == ["某区2022年法治政府建设报告", "一、主要举措\xa0和成效", "全年办结12件。", "第二行。"]
    assert "不要" not in text and "color" not in text and "站点" not in text


def test_html_without_text_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "blank.htm"
    path.write_text("<html><body><script>1</script></body></html>", encoding="utf-8")
    with pytest.raises(EmptyFileError):
        read_report_file(path)


def test_html_to_text_joins_source_line_breaks_inside_a_paragraph() -> None:
    assert html_to_text("<p>依法\n行政</p>") == "依法行政"


def _docx(paragraphs: list[str]) -> bytes:
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(f"<w:p><w:r><w:t>{p[:2]}</w:t></w:r><w:r><w:t>{p[2:]}</w:t></w:r></w:p>" for p in paragraphs)
    xml = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{ns}"><w:body>{body}</w:body></w:document>'
    buf = BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("word/document.xml", xml)
    return buf.getvalue()


def test_docx_paragraphs_become_lines(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(_docx(["某镇2022年工作报告", "一、主要做法", "调解纠纷9件。"]))
    text, encoding = read_report_file(path)
    assert text == "某镇2022年工作报告\n一、主要做法\n调解纠纷9件。"
    assert encoding == "docx"


def test_broken_docx_is_unsupported(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"not a zip at all")
    with pytest.raises(UnsupportedFormatError):
        read_report_file(path)


def test_html_saved_as_txt_is_still_converted(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text("<!DOCTYPE html><html><body><p>正文一。</p><p>正文二。</p></body></html>", encoding="utf-8")
    assert read_report_file(path)[0] == "正文一。\n正文二。"
