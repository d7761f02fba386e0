"""Scanned PDFs read by OCR (ingestion/readers/ocr.py): the assembly of recognised lines, the
limits, the rows it gives, and a sample printed, scanned and read back against its gold."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from ingestion.errors import FileTooLargeError
from ingestion.evaluation.scoring import score_report
from ingestion.parser.report import parse_text, to_gold_dict
from ingestion.readers import ocr, read_report
from ingestion.readers.pdf import Line
from ingestion.rows.report_rows import report_rows
from tests.paths import PROJECT_ROOT, SAMPLES

CHROMIUM = Path("/usr/bin/chromium")
SAMPLE = SAMPLES / "004_4257578ea403ef7a.txt"
GOLD = PROJECT_ROOT / "data" / "gold" / "004_4257578ea403ef7a.json"


def _run(text: str, x0: float, top: float, width_chars: int | None = None, size: float = 44.0) -> Line:
    width = (width_chars or len(text)) * size
    return Line(text, x0, x0 + width, top, top + size)


def test_runs_side_by_side_are_one_line_and_a_speck_before_it_goes() -> None:
    left, right = _run("． (三)聚焦企业诉求，", 300, 1000), _run("破解发展难题", 900, 1004)
    below = _run("大力推进审批改革。", 200, 1080)
    lines = ocr.merge_runs([below, right, left])
    assert [x.text for x in lines] == ["(三)聚焦企业诉求，破解发展难题", "大力推进审批改革。"]
    assert ocr.merge_runs([_run("2023", 100, 10), _run("年", 300, 10)])[0].text == "2023年"
    assert ocr.merge_runs([_run("IE", 100, 10), _run("11", 300, 10)])[0].text == "IE 11"


def _page(n: int, header: str, body: list[str]) -> list[Line]:
    """A page in pixels at ocr.DPI: a header, wrapped body lines 28 characters wide, a page number."""
    lines = [_run(header, 600, 100)]
    for i, text in enumerate(body):
        indent = 88 if text.startswith("　") else 0
        lines.append(_run(text.strip("　"), 200 + indent, 300 + 80 * i, 28 - indent // 44 if len(text) >= 26 else None))
    lines.append(_run(f"一 {n} 一", 760, 2200))
    return lines


def test_headers_misread_differently_and_page_numbers_go_and_paragraphs_join() -> None:
    first = "　一、主要举措和成效二〇二三年全区依法行政水平持续提升，"
    pages = [
        _page(1, "某某区人民政府", [first, "行政复议案件办理质量稳步提高。", "　（一）加强组织领导"]),
        _page(2, "某某区人民玫府", ["　全年召开专题会议8次，听取汇报12次，研究部署重点", "任务。"]),
        _page(3, "某某区人民政府", ["　二、存在的不足"]),
    ]
    text = ocr.assemble(pages)
    assert "人民政府" not in text and "人民玫府" not in text
    assert not any(line.strip().isdigit() or "一 2 一" in line for line in text.split("\n"))
    assert text.split("\n") == [
        "一、主要举措和成效二〇二三年全区依法行政水平持续提升，行政复议案件办理质量稳步提高。",
        "（一）加强组织领导",
        "全年召开专题会议8次，听取汇报12次，研究部署重点任务。",
        "二、存在的不足",
    ]


def _image_pdf(path: Path, pages: int) -> Path:
    from PIL import Image

    blank = Image.new("RGB", (200, 280), "white")
    blank.save(path, "PDF", save_all=True, append_images=[blank] * (pages - 1), resolution=24.0)
    return path


def test_a_scan_over_the_page_limit_is_refused_before_any_ocr(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(ocr, "MAX_PAGES", 2)
    monkeypatch.setattr(ocr, "recognise", lambda _image: pytest.fail("no page may be read"))
    with pytest.raises(FileTooLargeError, match="3 pages, over the 2-page OCR limit") as caught:
        read_report(_image_pdf(tmp_path / "long.pdf", 3))
    assert caught.value.reason == "too_large"


def test_a_scan_stops_at_the_time_limit(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(ocr, "MAX_SECONDS", 0.0)
    monkeypatch.setattr(ocr, "recognise", lambda _image: pytest.fail("no page may be read"))
    with pytest.raises(FileTooLargeError, match="took over 0 s"):
        read_report(_image_pdf(tmp_path / "slow.pdf", 2))


class _Source:
    path, file_id, report_id = "scan.pdf", "f" * 64, "r" * 16


def test_the_rows_say_the_text_was_recognised_and_how_surely() -> None:
    report = parse_text("某县人民政府2022年度法治政府建设情况报告\n一、主要举措\n全年学法8次。", "ocr", 0.9312)
    row = report_rows(_Source(), report, "v", datetime(2024, 1, 1))["reports"]
    assert (row["text_source"], row["ocr_confidence"]) == (["ocr"], [0.9312])
    plain = report_rows(_Source(), parse_text("某县2022年度工作报告\n全年学法8次。"), "v", datetime(2024, 1, 1))["reports"]
    assert (plain["text_source"], plain["ocr_confidence"]) == (["text"], [None])


@pytest.fixture(scope="module")
def scanned_sample(tmp_path_factory) -> Path:
    """A sample printed as a report is printed (GB/T 9704 layout, page numbers, a red seal over the
    signature) and scanned at 200 dpi with paper tone, skew, blur, noise and dust: pictures only."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("CI installs chromium (.ci/run)")
        pytest.skip("needs Debian's chromium to print the sample")
    from tests.scanned_pdf import text_to_scanned_pdf

    return text_to_scanned_pdf(SAMPLE.read_text(encoding="utf-8"), tmp_path_factory.mktemp("scan") / "scan.pdf",
                               dpi=200, seed=4)


@pytest.mark.slow
def test_a_scanned_sample_reads_back_to_its_gold(scanned_sample: Path) -> None:
    from pdfminer.high_level import extract_text

    assert extract_text(str(scanned_sample)).strip() == ""  # no text layer at all
    read = read_report(scanned_sample)
    assert (read.encoding, read.source) == ("pdf", "ocr")
    assert 0.8 < read.ocr_confidence <= 1.0
    scores = score_report(json.loads(GOLD.read_text(encoding="utf-8")),
                          to_gold_dict(parse_text(read.text, read.source, read.ocr_confidence)))
    assert scores["outline"]["f1"] >= 0.95, scores["outline"]
    assert scores["indicators"]["f1"] >= 0.90, scores["indicators"]
    lines = read.text.split("\n")
    assert not any(ocr._PAGE_NUMBER.fullmatch(line.strip()) for line in lines)  # "— 2 —" went
    # The seal over the end of the last page adds nothing: the report still ends with its last sentence.
    last = SAMPLE.read_text(encoding="utf-8").strip().split("\n")[-1]
    assert lines[-1].endswith(last[-12:]) and "人民政府" not in lines[-1][-20:]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("strace") is None, reason="needs strace to watch the process's connections")
def test_ocr_opens_no_network_connection(tmp_path: Path) -> None:
    """onnxruntime reports usage to a Microsoft collector unless told not to: the reader tells it."""
    from PIL import Image, ImageDraw, ImageFont

    page = Image.new("RGB", (1240, 400), "white")
    font = ImageFont.truetype("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 40, index=2)
    ImageDraw.Draw(page).text((100, 150), "全年办理行政复议案件36件，行政机关负责人出庭应诉率100%。", fill="black", font=font)
    page.save(tmp_path / "scan.pdf", "PDF", resolution=150.0)
    log = tmp_path / "strace.log"
    env = {k: v for k, v in os.environ.items() if k != "ORT_DISABLE_TELEMETRY"}
    code = f"from ingestion.readers import read_report; print(read_report({str(tmp_path / 'scan.pdf')!r}).text)"
    done = subprocess.run(["strace", "-f", "-e", "trace=connect", "-o", str(log), sys.executable, "-c", code],
                          capture_output=True, text=True, env=env, cwd=PROJECT_ROOT, check=True)
    assert "行政复议案件36件" in done.stdout
    assert "AF_INET" not in log.read_text()


def test_a_scan_in_the_inbox_becomes_a_report_marked_as_recognised(tmp_path: Path, monkeypatch) -> None:
    """The ingest's own path (a parse worker's process_file), with the recognition itself stood in
    for: each page yields the lines a scan of that page would."""
    from ingestion.intake.inventory import InboxFile
    from ingestion.intake.lifecycle import ParseJob
    from ingestion.intake.worker import Parsed, process_file

    lines = iter([
        [("某某县人民政府关于2022年度", 0.97), ("法治政府建设情况的报告", 0.95), ("一、主要举措和成效", 0.99)],
        [("全年办理行政复议案件36件。", 0.9)],
    ])

    def recognised_page(_image):
        return [(_run(text, 200, 300 + 80 * i), score) for i, (text, score) in enumerate(next(lines))]

    monkeypatch.setattr(ocr, "recognise", recognised_page)
    path = _image_pdf(tmp_path / "scan.pdf", 2)
    stat = path.stat()
    job = ParseJob(InboxFile("scan.pdf", path, stat.st_size, datetime.fromtimestamp(stat.st_mtime), "a" * 64), (), ())
    outcome = process_file(job, "v", datetime(2024, 1, 1))
    assert isinstance(outcome, Parsed), outcome
    report = outcome.rows["reports"]
    assert (outcome.encoding, report["text_source"], report["report_year"]) == ("pdf", ["ocr"], [2022])
    chars = [len("某某县人民政府关于2022年度"), len("法治政府建设情况的报告"), len("一、主要举措和成效"), len("全年办理行政复议案件36件。")]
    expected = (chars[0] * 0.97 + chars[1] * 0.95 + chars[2] * 0.99 + chars[3] * 0.9) / sum(chars)
    assert report["ocr_confidence"] == [round(expected, 4)]
    assert outcome.rows["indicator_mentions"]["value"] == [36.0]


def test_a_signature_that_reads_like_the_header_stays_and_a_dash_read_as_one_is_a_dash() -> None:
    pages = [
        [_run("某某区人民政府", 600, 100), _run("根据《纲要（2021一2025年）》推进依法行政。", 200, 300)],
        [_run("某某区人民玫府", 600, 100), _run("全年学法8次。", 200, 300)],
        [_run("某某区人民政府", 600, 100), _run("队伍建设仍需加强。", 200, 300), _run("某某区人民政府", 900, 500)],
    ]
    assert ocr.assemble(pages).split("\n") == [
        "根据《纲要（2021—2025年）》推进依法行政。", "全年学法8次。", "队伍建设仍需加强。", "某某区人民政府"]


def test_a_red_seal_becomes_paper_and_print_stays_black(tmp_path: Path) -> None:
    from PIL import Image, ImageDraw

    page = Image.new("RGB", (600, 840), (244, 242, 236))  # paper tone
    draw = ImageDraw.Draw(page)
    draw.rectangle((100, 400, 500, 420), fill=(20, 20, 20))  # a line of print
    draw.ellipse((250, 300, 450, 500), outline=(205, 30, 35), width=12)  # the seal's rim, over it
    page.save(tmp_path / "sealed.pdf", "PDF", resolution=72.0 * 600 / (8.27 * 72))
    image = next(ocr._page_images((tmp_path / "sealed.pdf").read_bytes()))
    scale = image.shape[1] / 600
    rim = image[int(310 * scale), int(350 * scale)]
    print_ = image[int(410 * scale), int(150 * scale)]
    paper = image[int(100 * scale), int(100 * scale)]
    assert list(rim) == list(paper) == [255, 255, 255]
    assert max(print_) < 80
