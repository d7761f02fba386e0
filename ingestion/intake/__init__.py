"""An inbox folder to the warehouse's raw layer, one run at a time.

Takes a folder and a DuckDB connection; gives an `IngestSummary` of what happened to each path.
`inventory` lists the folder (containment first: nothing outside it is opened), `lifecycle` plans
by the file lifecycle rule (new, changed, unchanged, moved, alias, removed), `pool` runs the parses
the plan asks for in this process or on workers (`worker`, preloaded by `worker_preload`) or takes
them from the Parquet `parse_cache`, and `ingest` writes each outcome through ingestion/warehouse/.
"""
