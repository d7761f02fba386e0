"""`make query`: a readable table on stdout, or CSV (with BOM), JSON or Parquet files."""
from __future__ import annotations

import csv
import json
import os
import subprocess

import duckdb

from tests.paths import PROJECT_ROOT

SQL = "select organization, report_year from marts.reports order by organization"
ORGANIZATIONS = ["十堰市茅箭区人民政府", "天津市红桥区人民政府", "天津市静海区人民政府",
                 "滨海新区人民政府政务服务办公室", "茶淀街"]


def make(target: str, built_warehouse, **variables: str) -> subprocess.CompletedProcess:
    # -o: never reinstall the venv from a test, even when pyproject.toml is newer
    return subprocess.run(["make", "-s", "-o", ".venv/.installed", target,
                           *(f"{name}={value}" for name, value in variables.items())],
                          cwd=PROJECT_ROOT, capture_output=True, text=True, check=True,
                          env={**os.environ, "WAREHOUSE_PATH": str(built_warehouse.warehouse)})


def test_query_prints_a_table_with_every_row(built_warehouse):
    out = make("query", built_warehouse, SQL=SQL).stdout
    lines = out.splitlines()
    assert "organization" in lines[0] and "report_year" in lines[0]
    body = [line.split() for line in lines[2:-1]]
    assert [row[0] for row in body] == ORGANIZATIONS
    assert dict((row[0], int(row[1])) for row in body)["天津市静海区人民政府"] == 2024
    assert lines[-1] == "5 rows"


def test_query_writes_csv_with_bom(built_warehouse, tmp_path):
    out = tmp_path / "reports.csv"
    make("query", built_warehouse, SQL=SQL, FORMAT="csv", OUT=str(out))
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["organization", "report_year"]
    assert [row[0] for row in rows[1:]] == ORGANIZATIONS


def test_query_writes_json_and_parquet(built_warehouse, tmp_path):
    make("query", built_warehouse, SQL=SQL, FORMAT="json", OUT=str(tmp_path / "r.json"))
    records = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert records[0] == {"organization": "十堰市茅箭区人民政府", "report_year": 2023}
    make("query", built_warehouse, SQL=SQL, FORMAT="parquet", OUT=str(tmp_path / "r.parquet"))
    rows = duckdb.sql(f"select organization from read_parquet('{tmp_path / 'r.parquet'}')").fetchall()
    assert [name for (name,) in rows] == ORGANIZATIONS


def test_query_error_is_a_message_not_a_traceback(built_warehouse):
    result = subprocess.run(["make", "-s", "-o", ".venv/.installed", "query", "SQL=select * from marts.nope"],
                            cwd=PROJECT_ROOT, capture_output=True, text=True,
                            env={**os.environ, "WAREHOUSE_PATH": str(built_warehouse.warehouse)})
    assert result.returncode != 0
    assert "error: Catalog Error" in result.stderr and "Traceback" not in result.stderr
