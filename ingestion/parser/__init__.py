"""One report's text to a `ParsedReport`: what a reader of the report would note down.

Takes the text a reader gave (ingestion/readers/) and gives plain records (`model`): web-page
furniture removed (`furniture`), the metadata from the whole text (`metadata/`), the outline of
headings (`outline`) with the mandated part of each top-level section (`parts`), the figures
(`figures`, with the measure words of `units`), what each figure measures (`metric_phrases`),
the mentions that join them (`indicators`), and the totals, parts and rates that must agree
(`consistency`). `report` ties them together and gives the gold-shaped JSON.
"""
