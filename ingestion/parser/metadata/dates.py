"""Dates: the publish date from the signature, a dated line under the title or a
publishing label, and the date patterns the other rules share."""
from __future__ import annotations

import re

from ingestion.chinese.numerals import CN_ONE_TO_TEN, CN_ZERO_FORMS, to_int

CN_NUM = CN_ZERO_FORMS + CN_ONE_TO_TEN
DATE = re.compile(
    rf"(\d{{4}}|[{CN_NUM}]{{4}})\s*年\s*(\d{{1,2}}|[{CN_NUM}]{{1,3}})\s*月\s*(\d{{1,2}}|[{CN_NUM}]{{1,3}})\s*日"
)
# A time may follow the day with its space lost (2024-03-2514:00, as OCR reads a web page's date).
DASH_DATE = re.compile(r"(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?:(?!\d)|(?=\d{1,2}:\d{2}))")
DATE_LINE = re.compile(rf"^[(（]?\s*{DATE.pattern}\s*[)）]?$")
_PUBLISH_LABEL = re.compile(r"(成文日期|发文日期|发布日期|发布时间|日期|(?<![更修])时间)\s*[:：]\s*")


def find_publish_date(lines: list[str], raw_text: str, index: dict[str, str]) -> tuple[str | None, bool]:
    """The publish date, and whether the report dates itself (its signature, or a dated line under
    the title) rather than a page or index table labelling it (发布日期, 成文日期)."""
    for line in reversed(lines[-6:]):
        date = date_in(line) if _is_signature_date(line) else None
        if date:
            return date, True
    for line in lines[:5]:  # a dated line right under the title: （2024年3月1日）
        if DATE_LINE.match(line.strip()):
            return date_in(line), True
    for m in _PUBLISH_LABEL.finditer(raw_text):
        date = date_in(raw_text[m.end():m.end() + 30])
        if date:
            return date, False
    for label in ("成文日期", "发文日期", "发布日期", "公开日期"):
        date = date_in(index.get(label, ""))
        if date:
            return date, False
    return None, False


def _is_signature_date(line: str) -> bool:
    """A date line of its own, or a signature line that ends in the date."""
    s = line.strip()
    if DATE_LINE.match(s):
        return True
    m = DATE.search(s)
    return bool(m) and m.end() == len(s.rstrip(")）")) and "。" not in s and len(s) <= 50


def date_in(s: str) -> str | None:
    m = DATE.search(s) or DASH_DATE.search(s)
    if not m:
        return None
    year, month, day = (to_int(g) for g in m.groups())
    if year is None or not (1 <= (month or 0) <= 12 and 1 <= (day or 0) <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"
