"""A short text that names nobody, no year and has no outline is a fragment, not a report."""
from __future__ import annotations

import pytest

from ingestion.errors import NotAReportError
from ingestion.parser.report import FRAGMENT_MAX_CHARS, parse_text

LIST_ITEM = "3.全面推进依法行政，组织集体学法6次，区政府主要负责同志参加。"


@pytest.mark.parametrize("text", [
    LIST_ITEM,  # one numbered item reads as one heading: no outline
    "组织集体学法6次，办理行政复议案件12件。",  # a sentence with figures
    "附件：\n相关材料另行报送。",
])
def test_fragments_are_not_reports(text):
    with pytest.raises(NotAReportError) as caught:
        parse_text(text)
    assert caught.value.reason == "not_a_report" and "fragment" in str(caught.value)


@pytest.mark.parametrize("text", [
    "某县人民政府2022年度法治政府建设情况报告\n" + LIST_ITEM,  # a title
    "2022年，某镇人民政府依法行政。\n" + LIST_ITEM,  # a body and a year in the opening
    "一、主要举措和成效\n组织集体学法6次。\n二、存在的不足\n基层力量不足。",  # an outline, nothing else
    "组织集体学法6次，办理行政复议案件12件。" * (FRAGMENT_MAX_CHARS // 20 + 1),  # long flat text
])
def test_short_texts_that_name_something_or_have_an_outline_are_reports(text):
    assert parse_text(text).text
