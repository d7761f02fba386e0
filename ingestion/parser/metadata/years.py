"""The year a report covers: from its title, its opening sentence, the meeting it was given at,
or its document number (a report is made early in the year after the one it covers)."""
from __future__ import annotations

import re

from ingestion.chinese.numerals import CN_ZERO_FORMS, to_int
from ingestion.parser.metadata.dates import CN_NUM
from ingestion.parser.metadata.speech import Speech

# 茅政发〔2024〕3号: a document number; its year is the year of issue.
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[［(（【]\s*(20\d{2})\s*[〕\]］)）】]\s*\d{1,4}\s*号")
YEAR = re.compile(rf"(20\d{{2}}|[二][{CN_ZERO_FORMS}][{CN_NUM}]{{2}})\s*年")


def find_report_year(title: str | None, lines: list[str], speech: Speech | None, index: dict[str, str]) -> int | None:
    if title:
        m = YEAR.search(title)
        if m:
            return to_int(m.group(1))
    # The opening sentence usually starts "2023年，…" or says "现将2023年…报告如下".
    for line in lines[:6]:
        if "。" not in line:
            continue
        m = (re.match(r"^(20\d{2})\s*年(?:度|以来|来)?", line)
             or re.search(r"现将[^。，,；;]{0,30}?(20\d{2})\s*年", line))
        if m:
            return int(m.group(1))
        break
    # A report is made early in the year after the one it covers: at the spring meeting of
    # the standing committee, under a document number of that year.
    if speech and speech.date:
        return int(speech.date[:4]) - 1
    numbered = [index.get("文号", ""), index.get("发文字号", ""), *lines[:6]]
    for s in numbered:
        m = _DOC_NUMBER.search(s)
        if m:
            return int(m.group(1)) - 1
    return None
