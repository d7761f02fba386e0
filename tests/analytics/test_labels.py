"""Chinese headers from the dbt column descriptions, and values as readers write them."""
from __future__ import annotations

import pytest

from analytics.labels import chinese_label, unique_headers
from analytics.site.formatting import display_value, highlighted


@pytest.mark.parametrize(("comment", "label"), [
    ("Reporting body (报告单位).", "报告单位"),
    ("more_than, nearly, about or null (限定词：余/近/约).", "限定词：余/近/约"),
    ("province, city, street (街道/乡镇) or department (部门) — 行政层级.", "行政层级"),
    ("Largest plausible value (100 for rates; empty = unbounded). 取值上限（空为不设上限）。", "取值上限"),
    ("Markers from the root joined by / (路径), e.g. 二/(一)/1.", "路径"),
    ("An English description only.", None),
    (None, None),
])
def test_chinese_label(comment, label):
    assert chinese_label(comment) == label


def test_unique_headers_tell_shared_labels_apart():
    assert unique_headers(["kind", "unit", "catalog_unit"], {"kind": "类型", "unit": "单位", "catalog_unit": "单位"}) \
        == ["类型", "单位（unit）", "单位（catalog_unit）"]


@pytest.mark.parametrize(("value", "kind", "unit", "shown"), [
    (24588000000.0, "money", "亿元", "245.88亿元"),
    (100000.0, "money", "万元", "10万元"),
    (99.82, "rate", "%", "99.82%"),
    (-13.54, "change", "%", "-13.54%"),
    (0.5, "duration", "天", "0.5天"),
    (106000.0, "count", "件", "106,000件"),
    (-1.2, "change", "个百分点", "-1.2个百分点"),  # a difference of rates is in points, not per cent
    (3.0, "rank", "名", "第3名"),
    (5.0, "rank", "位", "第5位"),
])
def test_display_value(value, kind, unit, shown):
    assert display_value(value, kind, unit) == shown


def test_highlighted_escapes_the_sentence_and_marks_the_span():
    assert str(highlighted("出庭应诉率<达>100%。", "100%")) == "出庭应诉率&lt;达&gt;100%<mark>100%</mark>。".replace(
        "100%<mark>", "<mark>")


def test_a_description_in_chinese_only_is_the_label_itself():
    from analytics.labels import chinese_label

    assert chinese_label("行政机关负责人出庭应诉率（%）") == "行政机关负责人出庭应诉率（%）"
    assert chinese_label("区域通办事项数（项）") == "区域通办事项数（项）"
    assert chinese_label("Reporting body (报告单位).") == "报告单位"
