"""Classifying top-level sections into report parts."""
from __future__ import annotations

import pytest

from ingestion.parser.outline import segment
from ingestion.parser.parts import classify_part, stated_parts


@pytest.mark.parametrize(
    "title, part",
    [
        ("县政府主要负责人履行推进法治建设第一责任人职责情况", "responsibility"),
        ("党政主要负责人履职情况", "responsibility"),
        ("主要负责同志履行法治建设职责、推进依法行政工作情况", "responsibility"),
        ("存在的不足和原因", "shortcomings"),
        ("当前工作中的短板弱项", "shortcomings"),
        ("存在的主要问题", "shortcomings"),
        ("下一步工作举措", "plans"),
        ("2023年工作思路", "plans"),
        ("下一年度推进法治政府建设的主要安排", "plans"),
        ("2024年重点工作", "plans"),
        ("主要举措和成效", "measures"),
        ("2022年推进法治政府建设的主要做法", "measures"),
        ("法治政府建设工作情况", "measures"),
        ("推进法治政府建设的进展", "measures"),
        ("基本概况", "other"),
        ("依法全面履行政府职能", "measures"),
        ("聚焦基层治理，夯实平安建设根基", "measures"),
        ("以数字赋能为抓手，政务服务更加便捷", "measures"),
        ("本年度推进依法行政总体情况", "measures"),
        ("结束语", "other"),
    ],
)
def test_classify_part(title: str, part: str) -> None:
    assert classify_part(title) == part


def test_priority_responsibility_before_measures() -> None:
    assert classify_part("履行第一责任人职责、加强法治建设的工作情况") == "responsibility"


def test_priority_shortcomings_before_plans() -> None:
    assert classify_part("存在问题及下一步打算") == "shortcomings"


def _stated(text: str) -> tuple[str, ...]:
    return stated_parts(segment(text), text)


def test_first_responsibility_stated_as_a_run_in_item() -> None:
    text = ("一、主要举措和成效\n（一）加强组织领导。一是健全工作机制。二是压实第一责任人职责，定期听取汇报。\n"
            "二、存在的不足\n队伍建设仍需加强。\n三、下一步工作安排\n继续推进。\n")
    assert _stated(text) == ("measures", "responsibility", "shortcomings", "plans")


def test_first_responsibility_stated_as_a_sub_heading() -> None:
    text = "一、主要工作\n（一）落实第一责任人职责\n主要负责同志亲自部署。\n二、存在问题\n正文。\n"
    assert _stated(text) == ("measures", "responsibility", "shortcomings")


def test_a_duty_named_among_the_shortcomings_is_no_account_of_it() -> None:
    text = ("一、主要举措\n（一）加强学习\n正文。\n二、存在的不足\n一是履行第一责任人职责不够到位。二是队伍不强。\n"
            "（一）第一责任人职责落实有差距\n正文。\n")
    assert _stated(text) == ("measures", "shortcomings")


def test_a_sentence_that_mentions_the_duty_is_no_item_of_it() -> None:
    text = "一、主要举措\n（一）加强学习\n领导干部带头学法，践行法治建设第一责任人职责。\n"
    assert _stated(text) == ("measures",)


def test_a_title_that_joins_two_parts_states_both() -> None:
    text = "一、工作成效\n正文。\n二、存在的问题及下一步打算\n正文。\n"
    assert _stated(text) == ("measures", "shortcomings", "plans")
    assert classify_part("存在的问题及下一步打算") == "shortcomings"  # the section itself has one part
