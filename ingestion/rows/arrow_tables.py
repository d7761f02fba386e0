"""Raw rows as typed Arrow tables: how parses travel from parse workers to the one writer,
into DuckDB and into the Parquet parse cache.

A parse builds its rows as Python lists, and its token table as Arrow arrays (ingestion/rows/report_rows.py).
Converting lists costs a call per column, so they are converted once per chunk of reports, never
per report: a report's sixty small columns cost more in per-call overhead than their values. A table of many reports
then crosses a process boundary as a few buffers, where the same rows as lists pickle and
unpickle as tens of thousands of objects, and DuckDB scans it without a copy.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import chain

import pyarrow as pa

from ingestion.rows.report_rows import Rows
from ingestion.rows.schema import RAW_TABLES, REPORT_TABLES, RawTable

ARROW_TYPES = {"VARCHAR": pa.string(), "INTEGER": pa.int32(), "BIGINT": pa.int64(), "DOUBLE": pa.float64(),
               "TIMESTAMP": pa.timestamp("us")}

Tables = dict[str, pa.Table]  # table → its rows


# Ids that repeat on every token of a report travel dictionary-encoded: an index per token and
# each id once, built in C, a third of the bytes to pickle; DuckDB stores them as VARCHAR.
DICTIONARY_COLUMNS = {"tokens": ("report_id", "section_id", "sentence_id")}
DICTIONARY = pa.dictionary(pa.int32(), pa.string())


def arrow_schema(table: str | RawTable) -> pa.Schema:
    declared = RAW_TABLES[table] if isinstance(table, str) else table
    encoded = DICTIONARY_COLUMNS.get(declared.name, ())
    return pa.schema([(c.name, DICTIONARY if c.name in encoded else ARROW_TYPES[c.sql_type]) for c in declared.columns])


def columns_table(table: str | RawTable, columns: dict[str, list]) -> pa.Table:
    """A declared table's column lists as an Arrow table of its declared types."""
    schema = arrow_schema(table)
    return pa.table([pa.array(columns[name], type=field.type) for name, field in zip(schema.names, schema)],
                    schema=schema)


def _merged(parts: list[list | pa.Array], kind: pa.DataType) -> pa.Array:
    if parts and isinstance(parts[0], pa.Array):
        return pa.concat_arrays([part.cast(kind) for part in parts])
    return pa.array(list(chain.from_iterable(parts)), type=kind)


def rows_tables(parses: Sequence[Rows], tables: Sequence[str] = REPORT_TABLES) -> Tables:
    """The rows of many parsed reports, merged, as one table per raw table."""
    merged: Tables = {}
    for table in tables:
        schema = arrow_schema(table)
        merged[table] = pa.table([_merged([rows[table][name] for rows in parses], field.type)
                                  for name, field in zip(schema.names, schema)], schema=schema)
    return merged


def empty_tables(tables: Sequence[str] = REPORT_TABLES) -> Tables:
    return {table: arrow_schema(table).empty_table() for table in tables}


def concat_tables(parts: Iterable[Tables], tables: Sequence[str] = REPORT_TABLES) -> Tables:
    """Chunks of rows as one table per raw table, each in one contiguous chunk (DuckDB inserts
    a table of many small chunks more slowly)."""
    parts = list(parts)
    if not parts:
        return empty_tables(tables)
    return {t: pa.concat_tables([p[t].cast(arrow_schema(t)) for p in parts]).combine_chunks() for t in tables}
