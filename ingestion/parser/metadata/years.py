"""The year a report covers, and where it was read.

Official reports state it in several places, and a report copied from a web page or a Word body
may have lost its title line. In order of trust:
- the title (2023年度法治政府建设情况报告);
- the opening sentence: a clause that starts with the year (2022年，X街道围绕…; 一年来 does not
  count), or 现将2022年…报告如下;
- the meeting a report to a standing committee was made at (early in the next year);
- a level-1 heading: 一、2022年工作开展情况 names the year covered, 六、2023年工作安排 plans
  the year after it;
- the report's own date: a December date falls in the year covered, a date in the first half of a
  year comes after it (reports are due in the first quarter);
- the report's own document number (〔2023〕8号, under the title or in the index table): issued in
  the year after the one covered;
- the page's publishing date, by the same rule as the report's own date.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from ingestion.chinese.numerals import CN_ZERO_FORMS, to_int
from ingestion.chinese.widths import fold_width
from ingestion.parser.metadata.dates import CN_NUM
from ingestion.parser.metadata.opening import opening_sentence
from ingestion.parser.metadata.speech import Speech
from ingestion.parser.model import Section, YearSource

YEAR = re.compile(rf"(20\d{{2}}|[二][{CN_ZERO_FORMS}][{CN_NUM}]{{2}})\s*年")
# 茅政发〔2024〕3号: a document number; its year is the year of issue.
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[［(（【]\s*(20\d{2})\s*[〕\]］)）】]\s*第?\s*\d{1,4}\s*号")
_DOC_NUMBER_LINE = re.compile(rf"^(?:文号|发文字号|字号)?\s*[:：]?\s*{DOC_NUMBER.pattern}$")
# A clause that opens with the year (2022年，… / 2022年以来 / 2022年是…之年), not a date (2021年8月)
# or a span of years (2021—2025年). Runs on width-folded text.
_CLAUSE_YEAR = re.compile(r"(?:^|[,;:])\s*(20\d{2})\s*年(?!\s*(?:\d|[一二三四五六七八九十]+月|[至到—\-~]))")
_REPORT_AS = re.compile(r"现将[^。,;《]{0,30}?(20\d{2})\s*年")
_LATE_MONTH = 11  # a report dated in November or December covers that year
_EARLY_MONTHS = 6  # dated in the first half of a year, it covers the year before


def find_report_year(title: str | None, lines: list[str], speech: Speech | None, index: dict[str, str],
                     sections: Sequence[Section] = (), own_date: str | None = None,
                     page_date: str | None = None) -> tuple[int | None, YearSource | None]:
    """The year covered and its source; own_date is the date the report gives itself (signature,
    dated line under the title), page_date a date a web page or index table gives it."""
    if title:
        m = YEAR.search(title)
        if m:
            return to_int(m.group(1)), "title"
    year = _opening_year(lines)
    if year:
        return year, "opening"
    if speech and speech.date:
        return int(speech.date[:4]) - 1, "meeting"
    year = _heading_year(sections)
    if year:
        return year, "heading"
    year = _dated_year(own_date)
    if year:
        return year, "signature"
    year = _document_number_year(lines, index)
    if year:
        return year, "document_number"
    year = _dated_year(page_date)
    return (year, "publish_date") if year else (None, None)


def _opening_year(lines: list[str]) -> int | None:
    sentence = opening_sentence(lines)
    if not sentence:
        return None
    folded = fold_width(sentence)
    m = _CLAUSE_YEAR.search(folded) or _REPORT_AS.search(folded)
    return int(m.group(1)) if m else None


def _heading_year(sections: Sequence[Section]) -> int | None:
    """一、2022年工作开展情况 → 2022; 六、2023年工作安排 → 2022. A heading about the work of the year
    wins over one that plans the next."""
    planned = None
    for s in sections:
        if s.level != 1:
            continue
        m = YEAR.search(s.title)
        if not m:
            continue
        year = to_int(m.group(1))
        if s.part == "plans":
            planned = planned or (year - 1 if year else None)
        elif s.part in ("measures", "responsibility") and year:
            return year
    return planned


def _dated_year(date: str | None) -> int | None:
    if not date:
        return None
    year, month = int(date[:4]), int(date[5:7])
    if month >= _LATE_MONTH:
        return year
    if month <= _EARLY_MONTHS:
        return year - 1
    return None


def _document_number_year(lines: list[str], index: dict[str, str]) -> int | None:
    """The report's own number: the index table's 文号, or a line of its own near the top. A number
    cited in a sentence (根据《…》（国发〔2021〕5号）) is another document's."""
    for m in (*map(DOC_NUMBER.search, (index.get("文号", ""), index.get("发文字号", ""))),
              *(_DOC_NUMBER_LINE.match(fold_width(line).strip()) for line in lines[:8])):
        if m:
            return int(m.group(1)) - 1
    return None


def is_document_number_line(line: str) -> bool:
    """A line that is only a document number (某政发〔2023〕8号): never a title."""
    return bool(_DOC_NUMBER_LINE.match(fold_width(line).strip()))
