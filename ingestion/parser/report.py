"""One report from raw text (or a file) to a ParsedReport, and its gold-shaped JSON."""
from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from ingestion.errors import NotAReportError
from ingestion.parser.consistency import link_rates
from ingestion.parser.furniture import clean_text
from ingestion.parser.indicators import extract_mentions
from ingestion.parser.metadata import extract_metadata
from ingestion.parser.model import ParsedReport
from ingestion.parser.outline import segment
from ingestion.readers import read_report_file

# A text shorter than this that names no title, reporting body or year and has no outline (one
# heading at most: a numbered list item reads as one) is a fragment (a pasted paragraph, a list
# item, a stray note), not a report: loaded, it would be a report of nobody, of no year, that no
# comparison can use. A real report without a title or headings is longer than this.
FRAGMENT_MAX_CHARS = 2000


def parse_text(raw_text: str) -> ParsedReport:
    text = clean_text(raw_text)
    if not text.strip():
        raise NotAReportError("no report text left after removing web-page furniture")
    sections = segment(text)
    metadata = extract_metadata(raw_text, text)
    if (len(text) < FRAGMENT_MAX_CHARS and len(sections) <= 1
            and not (metadata.title or metadata.organization or metadata.report_year)):
        raise NotAReportError(f"{len(text)} characters with no title, reporting body, year or outline: a fragment, "
                              f"not a report (a text under {FRAGMENT_MAX_CHARS} characters needs one of them)")
    mentions = extract_mentions(text, sections)
    return ParsedReport(
        text=text,
        metadata=metadata,
        sections=sections,
        mentions=mentions,
        links=link_rates(mentions, text),
    )


def parse_file(path: Path) -> ParsedReport:
    raw_text, _encoding = read_report_file(path)
    return parse_text(raw_text)


def to_gold_dict(report: ParsedReport, sample: str | None = None) -> dict:
    """The shape of ../shared/gold/*.json (see GUIDELINES.md there)."""
    outline = []
    for s in report.sections:
        heading = {"level": s.level, "marker": s.marker, "title": s.title}
        if s.level == 1:
            heading["part"] = s.part
        outline.append(heading)
    indicators = [
        {
            "section": m.section_path,
            "metric": m.metric,
            "text": m.text,
            "value": m.value,
            "unit": m.unit,
            "kind": m.kind,
            "qualifier": m.qualifier,
        }
        for m in report.mentions
    ]
    links = [asdict(link) for link in report.links]
    out = {"metadata": asdict(report.metadata), "outline": outline, "indicators": indicators, "links": links}
    if sample:
        out = {"sample": sample, **out}
    return out
