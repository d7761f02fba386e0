"""The unit vocabulary: which measure words count, and what kind a unit gives."""
from __future__ import annotations

import pytest

from ingestion.parser.units import false_prefix, unit_kind, unit_ok


@pytest.mark.parametrize(
    ("unit", "kind"),
    [("%", "rate"), ("个百分点", "change"), ("元", "money"), ("个工作日", "duration"), ("日", "duration"), ("人次", "count")],
)
def test_unit_kind(unit: str, kind: str) -> None:
    assert unit_kind(unit) == kind


@pytest.mark.parametrize(
    ("fold", "unit", "core", "arabic", "ok"),
    [
        ("12台账", "台", "12", True, False),  # 台账 is a word
        ("12台设备", "台", "12", True, True),
        ("三所联动", "所", "三", False, False),  # a rare measure word after a Chinese numeral
        ("三个部门", "个", "三", False, True),
        ("一次性", "次", "一", False, False),  # 次性
        ("一件事", "件", "一", False, False),  # a bare 一 makes a phrase
        ("一百家", "家", "一百", False, True),
        ("五万元", "元", "五万", False, True),
        ("二元结构", "元", "二", False, False),
    ],
)
def test_unit_ok(fold: str, unit: str, core: str, arabic: bool, ok: bool) -> None:
    unit_end = fold.index(unit, len(core)) + len(unit)
    assert unit_ok(fold, unit, unit_end, core, arabic) is ok


def test_false_prefix() -> None:
    assert false_prefix("就近办理", 1, "近")
    assert not false_prefix("走访近90家", 2, "近")
    assert false_prefix("不超过3天", 1, "超过")
    assert not false_prefix("超过3天", 0, "超过")
