"""Gazetteer: township-level places, parents filled upward, former county names."""
from __future__ import annotations

from ingestion.chinese import gazetteer


def _names(chain: dict) -> tuple:
    return tuple(chain[k].name if chain[k] else None for k in ("province", "city", "district", "township"))


def test_street_office_of_a_municipality_has_no_city() -> None:
    (street,) = gazetteer.townships_named("茶淀街道")
    assert street.level == "township"
    assert street.code.startswith("120116")  # 滨海新区
    assert _names(gazetteer.chain(street)) == ("天津市", None, "滨海新区", "茶淀街道")


def test_town_fills_county_city_and_province() -> None:
    (town,) = [t for t in gazetteer.townships_named("黄兴镇") if t.code.startswith("4301")]
    assert _names(gazetteer.chain(town)) == ("湖南省", "长沙市", "长沙县", "黄兴镇")
    assert gazetteer.is_ancestor(gazetteer.county_of(town), town)
    assert not gazetteer.is_ancestor(town, gazetteer.county_of(town))


def test_sumu_is_a_township() -> None:
    assert any(_names(gazetteer.chain(t))[2] == "锡林浩特市" for t in gazetteer.townships_named("宝力根苏木"))


def test_common_township_name_has_many_candidates() -> None:
    # 城关镇 is the seat of hundreds of counties: a name alone never settles it.
    assert len(gazetteer.townships_named("城关镇")) > 50


def test_short_forms_of_a_township() -> None:
    assert [p.name for p in gazetteer.townships_abbreviated("茶淀街")] == ["茶淀街道"]
    assert "黄兴镇" in {p.name for p in gazetteer.townships_abbreviated("黄兴")}
    assert gazetteer.townships_abbreviated("不存在的地方") == ()


def test_township_names_stay_out_of_county_scans() -> None:
    found = gazetteer.find_places("天津市滨海新区茶淀街道办事处")
    assert [name for _, name, _ in found] == ["天津市", "滨海新区"]
    towns = gazetteer.find_townships("天津市滨海新区茶淀街道办事处")
    assert [(i, name) for i, name, _ in towns] == [(7, "茶淀街道")]


def test_current_and_former_county_names() -> None:
    # 邢台市桥东区 was renamed 襄都区 (2020): both names lead to one code.
    (xiangdu,) = gazetteer.places_named("襄都区")
    assert xiangdu.code in {p.code for p in gazetteer.places_named("桥东区")}
    assert gazetteer.place(xiangdu.code).name == "襄都区"
    # 海门市 became 海门区 (2020); a 2019 report of 海门市 still finds its province.
    (haimen_city,) = gazetteer.places_named("海门市")
    assert gazetteer.province_of(haimen_city).name == "江苏省"
    assert [p.name for p in gazetteer.places_named("海门区")] == ["海门区"]


def test_recoded_unit_keeps_one_code() -> None:
    # 定州市 moved from a 139001 placeholder code to 130682: one place, not an ambiguity.
    assert [p.code for p in gazetteer.places_named("定州市")] == ["130682000000"]


def test_county_of_levels() -> None:
    (binhai,) = gazetteer.places_named("滨海新区")
    assert gazetteer.county_of(binhai) == binhai
    assert gazetteer.county_of(gazetteer.province_of(binhai)) is None
    assert gazetteer.chain(binhai)["township"] is None


def test_townships_of_a_county() -> None:
    (binhai,) = gazetteer.places_named("滨海新区")
    towns = gazetteer.townships_in(binhai)
    assert "茶淀街道" in {t.name for t in towns}
    assert all(gazetteer.county_of(t) == binhai for t in towns)
    assert [t.code for t in towns] == sorted(t.code for t in towns)
