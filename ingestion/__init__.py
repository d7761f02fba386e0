"""From a folder of report files to the raw tables of the warehouse, in plain Python.

The stages, each a subpackage, in the order a file meets them:
- `intake/`: lists the inbox with its containment rules, plans by the file lifecycle rule,
  and parses what the plan asks for, in this process or on a pool of workers;
- `readers/`: a file's bytes to text, by the format its bytes show;
- `parser/`: that text to a parsed report (metadata, outline, parts, indicator mentions);
- `rows/`: a parsed report to the rows of the raw tables, declared once;
- `warehouse/`: those rows written to DuckDB in transactions, and what a build was made from.
`chinese/` holds what every stage knows of Chinese text and of China's divisions; `errors`
the reason codes of files that cannot become a report; `version` the hash of the stages that
decide a report's rows. `evaluation/` scores the parser against gold annotations (no stage: it
decides no row).
"""
