"""`make export`: every mart as Parquet and CSV (BOM for Excel), and warehouse.xlsx with the matrix."""
from __future__ import annotations

import csv

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


def test_workbook_has_a_sheet_per_mart_with_chinese_headers(exports):
    workbook = load_workbook(exports / "warehouse.xlsx", read_only=True)
    assert {"reports", "sections", "indicators", "indicator_values", "列说明"} <= set(workbook.sheetnames)
    reports = next(workbook["reports"].iter_rows(max_row=1, values_only=True))
    assert {"报告单位", "报告年度", "行政层级"} <= set(reports)
    values = next(workbook["indicator_values"].iter_rows(max_row=1, values_only=True))
    assert {"规范指标代码", "数值", "原文片段"} <= set(values)
