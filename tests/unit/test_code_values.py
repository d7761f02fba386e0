"""Every code the parser or the intake can write has a Chinese name in the workbook."""
from typing import get_args

import pytest

from analytics.code_values import (
    ORGANIZATION_SOURCE_NAMES,
    QUALIFIER_NAMES,
    REASON_NAMES,
    TEXT_SOURCE_NAMES,
    YEAR_SOURCE_NAMES,
    translators,
    with_labels,
)
from analytics.labels import KIND_NAMES, LEVEL_NAMES, PART_NAMES
from ingestion.errors import REASONS
from ingestion.parser import model


@pytest.mark.parametrize(("codes", "names"), [
    (get_args(model.AdminLevel), LEVEL_NAMES),
    (get_args(model.Part), PART_NAMES),
    (get_args(model.Kind), KIND_NAMES),
    (get_args(model.Qualifier), QUALIFIER_NAMES),
    (get_args(model.YearSource), YEAR_SOURCE_NAMES),
    (get_args(model.OrganizationSource), ORGANIZATION_SOURCE_NAMES),
    (get_args(model.TextSource), TEXT_SOURCE_NAMES),
    (tuple(REASONS), REASON_NAMES),
], ids=["level", "part", "kind", "qualifier", "year_source", "organization_source", "text_source", "reason"])
def test_every_code_has_a_chinese_name(codes: tuple[str, ...], names: dict[str, str]) -> None:
    assert set(codes) - set(names) == set()


def test_a_target_and_an_ocr_source_read_in_chinese_with_the_code_beside() -> None:
    names, headers, rows = with_labels(
        ["qualifier", "text_source", "value"], ["限定词", "文本来源", "数值"],
        [("target", "ocr", 95.0)], translators({}))
    assert names == ["qualifier", "qualifier_code", "text_source", "text_source_code", "value"]
    assert headers == ["限定词", "限定词（代码）", "文本来源", "文本来源（代码）", "数值"]
    assert rows == [("目标值", "target", "文字识别（OCR）", "ocr", 95.0)]
