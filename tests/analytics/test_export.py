"""`make export`: every mart as Parquet and CSV (BOM for Excel), and warehouse.xlsx with the matrix."""
from __future__ import annotations

import csv
import re

import duckdb
import pytest
from openpyxl import load_workbook

from tests.analytics.test_query import make

SAMPLE_COURT_RATES = {"十堰市茅箭区人民政府": 100, "天津市红桥区人民政府": 100, "天津市静海区人民政府": 100,
                      "茶淀街": 100}


@pytest.fixture(scope="module")
def exports(built_warehouse, tmp_path_factory):
    folder = tmp_path_factory.mktemp("exports")
    make("export", built_warehouse, EXPORT_DIR=str(folder))
    return folder


def test_every_mart_is_written_as_parquet_and_csv_with_bom(exports, built_warehouse):
    with duckdb.connect(str(built_warehouse.snapshot), read_only=True) as conn:
        marts = {name: count for name, count in conn.execute(
            "select table_name, estimated_size from duckdb_tables() where schema_name = 'marts'").fetchall()}
        reports = conn.execute("select count(*) from marts.reports").fetchone()[0]
    assert {"reports", "sections", "indicators", "indicator_values", "report_structure"} <= set(marts)
    for name in marts:
        assert (exports / f"{name}.csv").read_bytes().startswith(b"\xef\xbb\xbf"), name
        assert (exports / f"{name}.parquet").exists(), name
    with (exports / "reports.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == reports == 5
    assert "天津市红桥区人民政府" in {row["organization"] for row in rows}
    parquet = duckdb.sql(f"select count(*) from read_parquet('{exports / 'sections.parquet'}')").fetchall()[0][0]
    assert parquet > 100


def test_workbook_holds_the_matrix_with_chinese_headers(exports):
    workbook = load_workbook(exports / "warehouse.xlsx", read_only=False)
    matrix = workbook["指标对比矩阵"]
    headers = [cell.value for cell in matrix[1]]
    assert "报告单位" in headers and "报告年度" in headers
    court = next(index for index, header in enumerate(headers) if "出庭应诉率" in str(header))
    organization = headers.index("报告单位")
    values = {row[organization]: row[court] for row in matrix.iter_rows(min_row=2, values_only=True)}
    assert len(values) == 5
    assert {name: value for name, value in values.items() if value is not None} == SAMPLE_COURT_RATES
    assert matrix.freeze_panes == "A2"
    assert matrix.column_dimensions["B"].width >= 20  # 报告单位 holds names like 滨海新区人民政府政务服务办公室


def test_workbook_has_a_chinese_named_sheet_per_mart_with_chinese_headers(exports):
    workbook = load_workbook(exports / "warehouse.xlsx", read_only=True)
    assert workbook.sheetnames[0] == "指标对比矩阵" and workbook.sheetnames[-1] == "列说明"
    assert {"报告维度表", "章节事实表", "指标提及事实表", "报告×指标值表", "报告结构合规"} <= set(workbook.sheetnames)
    assert not [name for name in workbook.sheetnames if re.fullmatch(r"[a-z_]+", name)]  # no table names
    reports = next(workbook["报告维度表"].iter_rows(max_row=1, values_only=True))
    assert {"报告单位", "报告年度", "行政层级"} <= set(reports)
    values = next(workbook["报告×指标值表"].iter_rows(max_row=1, values_only=True))
    assert {"规范指标代码", "数值", "原文片段"} <= set(values)


def test_the_matrix_is_in_the_workbook_once(exports):
    workbook = load_workbook(exports / "warehouse.xlsx", read_only=True)
    firsts = [next(workbook[name].iter_rows(max_row=1, values_only=True)) for name in workbook.sheetnames]
    court = [name for name, headers in zip(workbook.sheetnames, firsts, strict=True)
             if any("出庭应诉率" in str(header) for header in headers)]
    assert court == ["指标对比矩阵"]
    assert (exports / "indicator_matrix.csv").exists()  # the files keep every mart


def _sheet(workbook, name) -> list[dict]:
    rows = list(workbook[name].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_coded_values_read_in_chinese_with_the_code_beside_them(exports):
    workbook = load_workbook(exports / "warehouse.xlsx", read_only=True)
    reports = {row["报告单位"]: row for row in _sheet(workbook, "报告维度表")}
    assert (reports["茶淀街"]["行政层级"], reports["茶淀街"]["行政层级（代码）"]) == ("街道/乡镇", "street")
    assert (reports["天津市红桥区人民政府"]["行政层级"], reports["天津市红桥区人民政府"]["行政层级（代码）"]) == (
        "区县级", "district")
    parts = {(row["报告组成部分"], row["报告组成部分（代码）"]) for row in _sheet(workbook, "章节事实表")}
    assert ("主要举措和成效", "measures") in parts and ("下一年度安排", "plans") in parts
    structure = {row["报告单位"]: row for row in _sheet(workbook, "报告结构合规")}
    missing = structure["滨海新区人民政府政务服务办公室"]
    assert missing["缺失部分"] == "存在的不足、下一年度安排"
    assert missing["缺失部分（代码）"] == "shortcomings, plans"
    matrix = _sheet(workbook, "指标对比矩阵")
    assert {row["行政层级"] for row in matrix} == {"区县级", "街道/乡镇", "政府部门"}


def test_every_header_of_every_sheet_is_chinese(exports):
    """A column whose description names no Chinese label would fall back to its English name."""
    workbook = load_workbook(exports / "warehouse.xlsx", read_only=True)
    english = {sheet: [header for header in next(workbook[sheet].iter_rows(max_row=1, values_only=True))
                       if header and not re.search(r"[\u4e00-\u9fff]", str(header))]
               for sheet in workbook.sheetnames if sheet != "列说明"}
    assert {sheet: headers for sheet, headers in english.items() if headers} == {}
    reports = next(workbook["报告维度表"].iter_rows(max_row=1, values_only=True))
    assert {"报告单位来源", "报告年度来源", "文本来源"} <= set(reports)
