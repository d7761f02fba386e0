"""Rows to files: CSV that Excel opens in Chinese, JSON, Parquet."""
from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq

# Excel guesses a legacy code page for a CSV without a byte-order mark and garbles Chinese.
CSV_ENCODING = "utf-8-sig"


def write_csv(path: Path, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding=CSV_ENCODING, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


def write_json(path: Path, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    records = [dict(zip(headers, row, strict=True)) for row in rows]
    path.write_text(json.dumps(records, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    return path


def write_parquet(relation: duckdb.DuckDBPyRelation, path: Path) -> Path:
    """Written by pyarrow, not DuckDB: the analyst's connection may not touch the file system."""
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(relation.to_arrow_table(), path, compression="zstd")
    return path
