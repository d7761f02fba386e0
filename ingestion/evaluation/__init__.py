"""The parser scored against gold annotations, inside the project.

Takes a folder of gold annotations (`<name>.json`, shaped as `data/gold/GUIDELINES.md` says) and
the report files they annotate, parses each report with the project's own parser and gives
precision, recall and F1 (`scoring`): metadata accuracy, outline P/R/F1 with part accuracy,
indicator P/R/F1 with metric, unit, qualifier and section agreement on matched mentions.
`gold` pairs each annotation with its report; `python -m ingestion evaluate` prints the scores.
Not a parse stage: editing it changes no parser_version.
"""
