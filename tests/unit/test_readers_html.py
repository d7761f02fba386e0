"""HTML reader: the article of a government page, without its navigation and footer."""
from __future__ import annotations

from pathlib import Path

import pytest

from ingestion.readers import read_report_file
from ingestion.readers.html import all_text, html_to_text
from tests.paths import SAMPLES
from tests.unit.readers_files import (
    NAV_LINKS,
    assert_same_report,
    make_html,
    report_lines,
    report_summary,
)

SAMPLE_FILES = sorted(SAMPLES.glob("*.txt"))


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=[p.stem[:3] for p in SAMPLE_FILES])
def test_page_with_long_nav_parses_like_the_txt(tmp_path: Path, sample: Path) -> None:
    source = sample.read_text(encoding="utf-8")
    path = make_html(report_lines(source), tmp_path / "page.html", encoding="gb18030")
    text, encoding = read_report_file(path)
    assert encoding == "gb18030"
    assert_same_report(source, text)


def test_every_report_line_is_kept_and_navigation_and_footer_dropped(tmp_path: Path) -> None:
    lines = report_lines(SAMPLE_FILES[-1].read_text(encoding="utf-8"))
    html = make_html(lines, tmp_path / "page.html").read_text(encoding="utf-8")
    out = html_to_text(html).split("\n")
    assert out[0] == lines[0]  # the <h1> above the content block
    assert [line for line in out if line in set(lines)] == lines
    assert not set(out) & set(NAV_LINKS)
    assert not any("ICP备" in line or "相关链接" in line or "当前位置" in line for line in out)


def test_the_whole_page_walk_takes_the_nav_for_the_title(tmp_path: Path) -> None:
    # What the reader replaced: walking the whole page, the nav list heads the text.
    lines = report_lines(SAMPLE_FILES[-1].read_text(encoding="utf-8"))
    html = make_html(lines, tmp_path / "page.html").read_text(encoding="utf-8")
    assert report_summary(all_text(html))[0] != report_summary("\n".join(lines))[0]
    assert report_summary(html_to_text(html))[0] == report_summary("\n".join(lines))[0]


def test_a_bare_fragment_falls_back_to_every_line() -> None:
    html = "<html><body><p>一、主要举措</p><p>全年办结12件。</p></body></html>"
    assert html_to_text(html) == "一、主要举措\n全年办结12件。"


def test_table_rows_become_lines_with_cells_apart() -> None:
    html = "<table><tr><th>指标</th><th>数值</th></tr><tr><td>行政复议案件</td><td>77件</td></tr></table>"
    assert html_to_text(html) == "指标\t数值\n行政复议案件\t77件"
