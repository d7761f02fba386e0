"""A parsed report as rows of the raw tables, and those rows as Arrow tables.

Takes a `ParsedReport` and the file it came from; gives columns keyed by table and column name
(`report_rows`), declared once with their types and descriptions (`schema`, which also renders the
DDL and the dbt source docs), and carried between processes and to DuckDB as Arrow tables
(`arrow_tables`). Keys derive from the report id and document order, so a re-parse replaces rows.
"""
