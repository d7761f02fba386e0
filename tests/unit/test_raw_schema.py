from datetime import datetime

import duckdb

from ingestion.rows import schema as raw_schema
from ingestion.rows.schema import RAW_TABLES, render_dbt_sources
from ingestion.warehouse import store
from tests.paths import PROJECT_ROOT


def test_dbt_sources_are_generated_from_the_declarations():
    committed = (PROJECT_ROOT / "dbt_project" / "models" / "staging" / "_sources.yml").read_text(encoding="utf-8")
    assert committed == render_dbt_sources(), "run: python -m ingestion.rows.schema > dbt_project/models/staging/_sources.yml"


def test_tables_are_created_from_the_declarations_with_a_stored_version():
    with duckdb.connect(":memory:") as conn:
        assert store.ensure_raw_schema(conn) is None
        for name, table in RAW_TABLES.items():
            columns = [c for (c,) in conn.execute(
                "select column_name from duckdb_columns() where schema_name = 'raw' and table_name = ?"
                " order by column_index", [name]).fetchall()]
            assert tuple(columns) == table.column_names
        assert conn.execute("select version from raw.schema_version").fetchall() == [(raw_schema.schema_version(),)]
        assert store.ensure_raw_schema(conn) is None  # same version: nothing happens


def test_a_changed_schema_rebuilds_the_raw_layer_with_a_message(monkeypatch):
    with duckdb.connect(":memory:") as conn:
        store.ensure_raw_schema(conn)
        conn.execute("insert into raw.quarantine values ('a', 'a', null, 'empty', 'm', ?)", [datetime(2025, 1, 1)])
        monkeypatch.setattr(store, "schema_version", lambda: "next")
        message = store.ensure_raw_schema(conn)
        assert "rebuilt" in message and "next" in message
        assert conn.execute("select count(*) from raw.quarantine").fetchone() == (0,)
        assert conn.execute("select version from raw.schema_version").fetchall() == [("next",)]
