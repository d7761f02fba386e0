"""PDF reader: generated CJK PDFs parse like their .txt, furniture and scans handled."""
from __future__ import annotations

from pathlib import Path

import pytest

from ingestion.errors import CorruptFileError, EncryptedFileError, NoTextLayerError
from ingestion.readers import read_report_file
from ingestion.readers.pdf import Line, drop_furniture, join_paragraphs
from tests.paths import SAMPLES
from tests.unit.readers_files import (
    CHROMIUM,
    PAGE_NUMBER_STYLES,
    assert_same_report,
    make_browser_pdfs,
    make_image_only_pdf,
    make_pdf,
    report_lines,
)

pytest.importorskip("reportlab")
SAMPLE_FILES = sorted(SAMPLES.glob("*.txt"))
STYLES = list(PAGE_NUMBER_STYLES)
HEADER_DATE = "2024-03-28"
FOOTER = "地址：某市某区某路1号　电话：022-12345678"


def _pdf(tmp_path: Path, sample: Path, style: str, indent: bool = True) -> Path:
    lines = report_lines(sample.read_text(encoding="utf-8"))
    return make_pdf(lines, tmp_path / f"{sample.stem}.pdf", header=f"{lines[0][:20]}　{HEADER_DATE}",
                    footer=FOOTER, page_number=style, indent=indent)


@pytest.mark.parametrize("indent", [True, False], ids=["indented", "block-paragraphs"])
@pytest.mark.parametrize("index", range(len(SAMPLE_FILES)), ids=[p.stem[:3] for p in SAMPLE_FILES])
def test_pdf_parses_like_the_txt(tmp_path: Path, index: int, indent: bool) -> None:
    sample = SAMPLE_FILES[index]
    path = _pdf(tmp_path, sample, STYLES[index % len(STYLES)], indent)
    text, fmt = read_report_file(path)
    assert fmt == "pdf"
    assert_same_report(sample.read_text(encoding="utf-8"), text)


@pytest.mark.parametrize("style", STYLES)
def test_headers_footers_and_page_numbers_are_removed_and_paragraphs_rejoined(tmp_path: Path, style: str) -> None:
    sample = SAMPLE_FILES[-1]
    lines = report_lines(sample.read_text(encoding="utf-8"))
    text, _ = read_report_file(_pdf(tmp_path, sample, style))
    out = text.split("\n")
    assert HEADER_DATE not in text and "某路1号" not in text
    assert not any(line in {"1/3", "2/3", "- 2 -", "第2页"} for line in out)
    # Every paragraph of the source comes back whole, in order, across line and page breaks.
    assert out == lines


@pytest.fixture(scope="module")
def browser_pdfs(tmp_path_factory, browser) -> list[Path]:
    """The samples printed by Chromium, with its date/title header and a page-n/N footer."""
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed")
    pytest.importorskip("playwright")
    folder = tmp_path_factory.mktemp("browser_pdfs")
    items = [(report_lines(p.read_text(encoding="utf-8")), folder / f"{p.stem}.pdf") for p in SAMPLE_FILES]
    make_browser_pdfs(items, browser)
    return [path for _, path in items]


@pytest.mark.parametrize("index", range(len(SAMPLE_FILES)), ids=[p.stem[:3] for p in SAMPLE_FILES])
def test_browser_printed_pdf_parses_like_the_txt(browser_pdfs: list[Path], index: int) -> None:
    # Chromium with Noto CJK writes radical code points (⼈⺠, ⾏, ⼾ for 户) into the text layer.
    text, fmt = read_report_file(browser_pdfs[index])
    assert fmt == "pdf"
    assert not any(0x2E80 <= ord(ch) <= 0x2FDF for ch in text)
    assert "/" not in text.split("\n")[-1]  # the page-n/N footer is gone
    assert_same_report(SAMPLE_FILES[index].read_text(encoding="utf-8"), text)


def test_radical_code_points_from_the_font_become_ideographs(tmp_path: Path) -> None:
    path = make_pdf(["某区⼈⺠政府2023年法治政府建设情况报告", "一、主要举措和成效", "全年办理⾏政复议案件⻓期积案12件。"],
                    tmp_path / "radicals.pdf")
    text, _ = read_report_file(path)
    assert "人民政府" in text and "行政复议" in text and "长期" in text
    assert not any(0x2E80 <= ord(ch) <= 0x2FDF for ch in text)


def test_pdf_saved_as_txt_is_read_as_pdf(tmp_path: Path) -> None:
    sample = SAMPLE_FILES[-1]
    path = _pdf(tmp_path, sample, "slash").rename(tmp_path / "report.txt")
    text, fmt = read_report_file(path)
    assert fmt == "pdf"
    assert text.split("\n")[0] == report_lines(sample.read_text(encoding="utf-8"))[0]


def test_scanned_pdf_without_text_layer(tmp_path: Path) -> None:
    with pytest.raises(NoTextLayerError) as caught:
        read_report_file(make_image_only_pdf(tmp_path / "scan.pdf"))
    assert caught.value.reason == "no_text_layer"


def test_password_protected_pdf(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "locked.pdf"
    pdf = canvas.Canvas(str(path), encrypt="secret")
    pdf.drawString(72, 720, "report text " * 5)
    pdf.save()
    with pytest.raises(EncryptedFileError) as caught:
        read_report_file(path)
    assert caught.value.reason == "encrypted"


def test_truncated_pdf_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "cut.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\n" + b"\x00garbage" * 10)
    with pytest.raises((CorruptFileError, NoTextLayerError)) as caught:
        read_report_file(path)
    assert caught.value.reason in {"corrupt", "no_text_layer"}


# ---- the layout rules on hand-made lines ---------------------------------------------------

def _line(text: str, top: float, x0: float = 72.0, x1: float | None = None) -> Line:
    return Line(text, x0, x1 if x1 is not None else x0 + 12 * len(text), top, top + 12)


def test_a_lone_page_number_goes_even_on_a_single_page() -> None:
    page = [_line("报告标题", 80), _line("正文第一段。", 100), _line("- 1 -", 800)]
    assert [line.text for line in drop_furniture([page])[0]] == ["报告标题", "正文第一段。"]


def test_a_line_repeated_at_the_same_height_on_most_pages_is_furniture() -> None:
    pages = [[_line("某区人民政府", 40), _line(f"第{n}段正文内容。", 100), _line(f"{n}/3", 800)] for n in (1, 2, 3)]
    kept = drop_furniture(pages)
    assert [[line.text for line in page] for page in kept] == [["第1段正文内容。"], ["第2段正文内容。"], ["第3段正文内容。"]]


def test_the_title_on_page_one_is_not_the_header_of_later_pages() -> None:
    pages = [[_line("某区报告", 40), _line("某区报告", 90), _line("正文。", 120)],
             [_line("某区报告", 40), _line("续文。", 120)], [_line("某区报告", 40), _line("又一段。", 120)]]
    assert [line.text for line in drop_furniture(pages)[0]] == ["某区报告", "正文。"]


def test_paragraph_joining_stops_at_sentence_end_indent_and_heading() -> None:
    right = 72 + 12 * 20
    lines = [
        _line("一、主要举措", 100),
        _line("（一）强化领导", 120),
        _line("正文第一行没有结束" + "字" * 9, 140, x0=96, x1=right),
        _line("接着写完。", 160),
        _line("新段落缩进开始并且写满整整一行的" + "字" * 2, 180, x0=96, x1=right),
        _line("1.第三级标题", 200),
        _line("短行", 220),
        _line("另一行", 240),
    ]
    assert join_paragraphs(lines) == [
        "一、主要举措", "（一）强化领导", "正文第一行没有结束" + "字" * 9 + "接着写完。",
        "新段落缩进开始并且写满整整一行的字字", "1.第三级标题", "短行", "另一行",
    ]
