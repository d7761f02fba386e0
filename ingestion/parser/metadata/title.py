"""The report's own title: its first lines, up to where a title cannot go on (a sentence, a
date, a heading marker), without a site banner above it or run into it, without the document
number printed over it, and without the letter-spacing of print."""
from __future__ import annotations

import re

from ingestion.chinese.numerals import CN_ONE_TO_TEN
from ingestion.chinese.widths import fold_width
from ingestion.parser.metadata.dates import DASH_DATE, DATE_LINE
from ingestion.parser.metadata.organization import title_subject
from ingestion.parser.metadata.speech import SPEECH_LINE
from ingestion.parser.metadata.years import YEAR, is_document_number_line

# A title is whole once it names its kind of document.
_TITLE_COMPLETE = re.compile(r"(?:报告|总结|白皮书)[)）]?$")

_NAMES_A_DOCUMENT = re.compile(r"报告|总结|白皮书|情况|工作|法治|依法行政|(?:20\d{2}|[二〇零]{4})\s*年")

# 第一部分 / 第二部分: the parts of a report, never part of its title.
_PART_HEADING = re.compile(rf"^第[{CN_ONE_TO_TEN}]{{1,3}}部分")
_MARKER_START = re.compile(rf"^(?:[{CN_ONE_TO_TEN}]+[、.．]|[(（][{CN_ONE_TO_TEN}\d]+[)）]|\d+[.．、])")


# A site banner run into the title without a line break ends in the site's address or a
# separator: 某某网—资料每日更新www.example.com某某省人民政府关于…的报告.
_ADDRESS = re.compile(r"(?:https?://|www\.)[\w.\-/]+|[\w\-]+(?:\.[\w\-]+)*\.(?:com|cn|net|org|gov)(?:\.cn)?(?:/[\w.\-/]*)?",
                      re.ASCII)
_BANNER_SEPARATOR = re.compile(r"[|｜—_]+|\s[-–]\s")


def find_title(lines: list[str]) -> str | None:
    parts: list[str] = []
    for line in lines[:5]:
        if is_document_number_line(line):
            continue  # 某政发〔2023〕8号 printed over the title
        line = without_banner(line)
        if _is_title_end(line):
            break
        if parts and _TITLE_COMPLETE.search(_despace("".join(parts))) and not title_subject(line):
            break  # "…情况报告" is whole: what follows is page furniture or the body
        parts.append(line)
    # A site banner above the title ("XX区人民政府" over "XX区2023年…报告") is dropped when
    # a later line is a title of its own; a title split after its subject is joined.
    for i in range(len(parts) - 1, 0, -1):
        if title_subject(parts[i]) and YEAR.search(parts[i]):
            parts = parts[i:]
            break
    title = _despace("".join(parts).strip("|｜ "))
    # A line that names no document (某某街道办事处 over the body) is a page's banner, not a title.
    return title if title and _NAMES_A_DOCUMENT.search(title) else None


def without_banner(line: str) -> str:
    """The line from its title on, where a site banner runs into the title: everything up to the
    site's address, or up to a separator when what follows is a whole title."""
    addresses = list(_ADDRESS.finditer(line))
    if addresses and _TITLE_COMPLETE.search(line[addresses[-1].end():].strip()):
        return line[addresses[-1].end():].strip()
    pieces = _BANNER_SEPARATOR.split(line)
    tail = pieces[-1].strip()
    if len(pieces) > 1 and _TITLE_COMPLETE.search(tail) and title_subject(tail) \
            and not _TITLE_COMPLETE.search("".join(pieces[:-1])):
        return tail
    return line


def _is_title_end(line: str) -> bool:
    folded = fold_width(line)
    return (
        "。" in line or "," in folded or "，" in line or len(line) > 60
        or folded.rstrip().endswith(":") or bool(_MARKER_START.match(folded))
        or bool(DATE_LINE.match(line.strip())) or bool(DASH_DATE.search(folded))
        or bool(_PART_HEADING.match(folded)) or bool(SPEECH_LINE.match(folded.strip()))
    )


def _despace(s: str) -> str:
    """Drop the letter-spacing of titles ('工 作 报 告'): spaces next to a CJK character."""
    return re.sub(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])", "", s).strip()
