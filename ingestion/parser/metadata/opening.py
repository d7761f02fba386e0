"""The opening sentence of a report body, where a report without a title names its year and
its body (2022年，X街道围绕…; 为贯彻落实《纲要》，X街道办事处坚持…; 现将2022年…报告如下：)."""
from __future__ import annotations

import re

from ingestion.chinese.widths import fold_width

# A line that opens with a heading marker: its title comes before the first sentence of the body.
_HEADING_MARKER = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)|\d{1,2}[.、](?!\d))")
_CLAUSE_SPLIT = re.compile(r"[，,；;]")
# Clauses that lead into the subject without being it: a purpose or basis (为…, 根据…, 在…下),
# the year (2022年，), or a time (一年来).
_PREAMBLE = re.compile(r"^(?:为|根据|按照|依据|依照|遵照|对照|结合|在|自|随着|今年以来|一年来|近年来|20\d{2}\s*年)")
_MAX_LINES = 8


def opening_sentence(lines: list[str]) -> str | None:
    """The first sentence of the body: the first line (of the first few) that ends a sentence or
    opens a report with a colon (…报告如下：), its heading title skipped where one is run in."""
    for line in lines[:_MAX_LINES]:
        stripped = line.strip()
        folded = fold_width(stripped)
        if "。" not in folded and not folded.endswith(":"):
            continue
        sentences = stripped.split("。")
        if _HEADING_MARKER.match(folded):
            return sentences[1] if len(sentences) > 1 and sentences[1] else None
        return sentences[0]
    return None


def subject_clauses(sentence: str) -> list[str]:
    """The clauses of the opening sentence that may hold its subject: the first, and each one after
    a preamble clause (为贯彻落实《纲要》，X街道办事处坚持…)."""
    clauses = _CLAUSE_SPLIT.split(sentence)
    out = [clauses[0]]
    for previous, clause in zip(clauses, clauses[1:]):
        if not _PREAMBLE.match(previous.strip()):
            break
        out.append(clause.strip())
    return out
