"""Which reader a file gets comes from its bytes; every refusal carries its reason code."""
from __future__ import annotations

import re
import unicodedata
import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from ingestion import errors
from ingestion.errors import REASONS, ReportError
from ingestion.readers import read_report_file
from ingestion.readers.radicals import (
    KANGXI_OVERRIDES,
    SUPPLEMENT,
    normalize_pdf_glyphs,
    normalize_radicals,
)
from tests.paths import PROJECT_ROOT
from tests.unit.readers_files import docx_document_xml

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
REPORT = "某县人民政府2022年度法治政府建设情况报告\n一、主要举措和成效\n全年开展集体学法8次。\n"


def _docx_bytes(lines: list[str]) -> bytes:
    buf = BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("word/document.xml", docx_document_xml(lines))
    return buf.getvalue()


def _reason(path: Path) -> str:
    with pytest.raises(ReportError) as caught:
        read_report_file(path)
    return caught.value.reason


@pytest.mark.parametrize("name, data, reason, words", [
    ("report.doc", OLE2, "unsupported_format", "save it as .docx or PDF"),
    ("report.wps", OLE2, "unsupported_format", "Word 97-2003"),  # a .wps holding .doc bytes
    ("report.txt", OLE2, "unsupported_format", "Word 97-2003"),
    ("report.md", "# 标题\n正文。".encode(), "unsupported_format", "save it as .docx or PDF"),
    ("report.doc", REPORT.encode(), "unsupported_format", "Word 97-2003"),
    ("scan.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "unsupported_format", "PNG image"),
    ("scan.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 64, "unsupported_format", "JPEG image"),
    ("reports.txt", b"Rar!\x1a\x07\x00" + b"\x00" * 64, "unsupported_format", "RAR archive"),
    ("report.rtf", b"{\\rtf1\\ansi report}", "unsupported_format", "RTF"),
    ("report.xyz", REPORT.encode(), "unsupported_format", "not read"),
    ("report.pdf", REPORT.encode(), "unsupported_format", "not PDF"),
    ("report.docx", b"", "empty", "empty"),
    ("report.docx", b" \r\n ", "empty", "whitespace"),
    ("report.wps", b"", "empty", "empty"),
    ("report.txt", bytes(range(1, 32)) * 50, "binary", "control"),
])
def test_content_decides_the_reason(tmp_path: Path, name: str, data: bytes, reason: str, words: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ReportError, match=words) as caught:
        read_report_file(path)
    assert caught.value.reason == reason


def test_docx_bytes_under_a_doc_name_are_read_as_docx(tmp_path: Path) -> None:
    path = tmp_path / "report.doc"
    path.write_bytes(_docx_bytes(["某镇2022年工作报告", "调解纠纷9件。"]))
    assert read_report_file(path) == ("某镇2022年工作报告\n调解纠纷9件。", "docx")


def test_unreadable_file(tmp_path: Path) -> None:
    # A directory where a file was expected: the open fails with an OSError, as on EACCES or EIO.
    folder = tmp_path / "report.txt"
    folder.mkdir()
    assert _reason(folder) == "unreadable"


def test_missing_file_is_unreadable(tmp_path: Path) -> None:
    assert _reason(tmp_path / "gone.txt") == "unreadable"


def test_pdf_size_limit_is_checked_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ingestion import readers

    monkeypatch.setattr(readers, "MAX_PDF_BYTES", 100)
    path = tmp_path / "big.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"0" * 200)
    assert _reason(path) == "too_large"


# ---- radicals --------------------------------------------------------------------------------

def test_radicals_become_ideographs_in_every_format(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("⼈⺠政府⾏政执法⻓效机制，⻔户⽹站。", encoding="utf-8")
    assert read_report_file(path)[0] == "人民政府行政执法长效机制，门户网站。"


def test_radical_normalisation_keeps_everything_else_and_the_length() -> None:
    text = "全角，标点；ＡＢＣ１２３…“引号” ⼀⼆ ⺠ 﨑"
    out = normalize_radicals(text)
    assert len(out) == len(text)
    assert out == "全角，标点；ＡＢＣ１２３…“引号” 一二 民 﨑".replace("﨑", unicodedata.normalize("NFKC", "﨑"))


def test_supplement_table_maps_radicals_to_unified_ideographs() -> None:
    assert len(SUPPLEMENT) > 80
    for radical, ideograph in SUPPLEMENT.items():
        assert 0x2E80 <= ord(radical) <= 0x2EFF
        assert unicodedata.name(ideograph).startswith("CJK UNIFIED IDEOGRAPH")
    assert normalize_radicals("⺠⻓⻔⻅⻛⻢⻋⻚⻜⻝⻘⻆⻉⻄⻩⻬⻮⻰⻳⻥⻦⻨") == "民长门见风马车页飞食青角贝西黄齐齿龙龟鱼鸟麦"


def test_kangxi_block_follows_nfkc_except_where_simplified_fonts_draw_another_character() -> None:
    for code in range(0x2F00, 0x2FD6):
        radical = chr(code)
        expected = KANGXI_OVERRIDES.get(radical, unicodedata.normalize("NFKC", radical))
        assert normalize_radicals(radical) == expected
    assert normalize_radicals("⼾⼝") == "户口"


def test_pdf_glyph_aliases() -> None:
    assert normalize_pdf_glyphs("（2021―2025年）塑㬵") == "（2021—2025年）塑胶"


# ---- the reason codes ------------------------------------------------------------------------

def test_every_reason_code_is_in_the_docstring_table_and_unique() -> None:
    table = set(re.findall(r"^\| `([a-z_]+)`", errors.__doc__, re.MULTILINE))
    classes = [cls for cls in vars(errors).values() if isinstance(cls, type) and issubclass(cls, ReportError)]
    codes = [cls.reason for cls in classes if cls is not ReportError]
    assert len(codes) == len(set(codes))
    assert table == REASONS == set(codes) | {ReportError.reason}
    assert {"symlink_outside_inbox", "dangling_link", "unreadable", "archive_too_large", "no_text_layer",
            "empty", "binary", "encoding", "too_large", "unsupported_format", "not_a_report", "unparseable",
            "hidden_path", "not_a_regular_file"} <= REASONS


def test_the_quarantine_mart_accepts_exactly_the_reason_codes() -> None:
    marts = (PROJECT_ROOT / "dbt_project" / "models" / "marts" / "quarantine.yml").read_text(encoding="utf-8")
    listed = re.search(r"name: quarantine_reason_is_known.*?values: \[(.*?)\]", marts, re.DOTALL).group(1)
    assert set(re.findall(r'"([a-z_]+)"', listed)) == REASONS
