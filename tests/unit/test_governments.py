"""One key per government: place code and kind of body, department names normalised."""
from __future__ import annotations

import pytest

from ingestion.chinese.governments import (
    formal_department,
    government_id,
    normalise_department,
    split_department,
    township_name,
)

MAOJIAN = "420302000000"


def test_government_key_is_its_place_and_kind() -> None:
    assert government_id("government", MAOJIAN, "十堰市茅箭区人民政府") == f"{MAOJIAN}:government"
    assert government_id("government", MAOJIAN, "茅箭区人民政府") == f"{MAOJIAN}:government"


@pytest.mark.parametrize(
    ("name", "department"),
    [
        ("区市场监管局", "市场监督管理局"),
        ("茅箭区市场监督管理局", "市场监督管理局"),
        ("十堰市茅箭区市场监督管理局", "市场监督管理局"),
        ("区政府办", "人民政府办公室"),
        ("茅箭区人民政府办公室", "人民政府办公室"),
        ("滨海新区人民政府政务服务办公室", "政务服务办公室"),
        ("区政务服务办", "政务服务办公室"),
        ("市司法局", "司法局"),
        ("县人社局", "人力资源和社会保障局"),
        ("洛阳市西工区住房和城乡建设局", "住房和城乡建设局"),
    ],
)
def test_department_names_normalise_to_the_formal_name(name: str, department: str) -> None:
    assert normalise_department(name) == department


def test_market_is_not_a_level_word() -> None:
    # 市场监督管理局 starts with 市 but is no 市-level short form.
    assert normalise_department("市场监督管理局") == "市场监督管理局"
    assert formal_department("市场监管局") == "市场监督管理局"
    assert formal_department("区政府办") == "区人民政府办公室"


def test_split_department_keeps_the_place_as_written() -> None:
    assert split_department("绍兴市市场监管局") == ("绍兴市", "市场监管局")
    assert split_department("湖北省十堰市茅箭区司法局") == ("湖北省十堰市茅箭区", "司法局")
    assert split_department("区政府办") == ("", "区政府办")


def test_department_key_joins_short_and_formal_names() -> None:
    short = government_id("department", MAOJIAN, "区市场监管局")
    formal = government_id("department", MAOJIAN, "十堰市茅箭区市场监督管理局")
    assert short == formal == f"{MAOJIAN}:dept:市场监督管理局"
    assert government_id("department", MAOJIAN, "茅箭区司法局") != short


def test_street_key_by_township_code_or_county_and_name() -> None:
    assert government_id("street", "120116037000", "茶淀街") == "120116037000:street"
    assert government_id("street", "120111000000", "西青区某某街道办事处") == "120111000000:street:某某街道"
    assert government_id("street", "430121000000", "长沙县黄兴镇人民政府") == "430121000000:street:黄兴镇"


def test_township_name_of_a_street_level_body() -> None:
    assert township_name("茶淀街道办事处") == "茶淀街道"
    assert township_name("长沙县黄兴镇人民政府") == "黄兴镇"
    assert township_name("某某街") == "某某街"


def test_without_a_place_the_name_is_the_key() -> None:
    assert government_id("department", None, "某某部") == "name:某某部"
    assert government_id(None, None, None) is None
