"""The punctuation that bounds sentences, clauses and list items in report text.

。！？ end a sentence; ； ends a clause that reports use as one (一是…；二是…), so it ends
a sentence here too. Both widths are listed because matching runs on the stored text as
well as on the width-folded one.
"""
from __future__ import annotations

SENTENCE_END = "。！？；;!?"
# A sentence also ends at a line end: headings and lines without punctuation.
SENTENCE_BREAK = frozenset(SENTENCE_END + "\n")
# Clause ends: a sentence end, a comma or a colon, or a line end.
CLAUSE_END = frozenset(SENTENCE_END + "，,：:\n\r")
# The enumeration comma between the items of a list (食品、药品).
LIST_COMMA = "、"
