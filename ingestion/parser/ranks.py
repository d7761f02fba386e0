"""Places in a ranking: 名列全市第三, 位居全省第一, 综合考核排名全区第5位, 获得全市第二名.

An ordinal (第三) is no quantity on its own (第三批, 第二十条); after a verb of standing in a
ranking it is a result, the lower the better. The figure is the ordinal with its measure word
(第三, 第5位); the verb and the scope (全市) are where its metric phrase ends.
"""
from __future__ import annotations

import re

from ingestion.chinese.numerals import to_int
from ingestion.parser.model import Figure

_CN = "一二三四五六七八九十"
# Two-character verbs stand anywhere; 居, 列 and 排 only before a scope word (居全省第一), where
# they cannot be the 居 of 居民 or the 列 of 列入; 获得/荣获 only with 名 written (获得全市第二名).
_RANK = re.compile(
    rf"(?:(?P<verb>名列|位列|位居|位于|排名|排位|排在|(?:[居列排](?=全|同)))(?P<scope>[^,，。；;:：!！?？\d第]{{0,12}}?)"
    rf"|(?P<won>获得|荣获|获评|获)(?P<won_scope>[^,，。；;:：!！?？\d第]{{0,12}}?)(?=第[\d{_CN}]{{1,3}}名))"
    rf"第(?P<num>\d{{1,3}}|[{_CN}]{{1,3}})(?P<unit>名|位)?(?![\d{_CN}批次届条款项轮期类级部章节号方梯档等])"
)


def find_ranks(fold: str) -> list[Figure]:
    """The rankings of fold (width-folded text) in order; direction_start is where the verb starts."""
    out = []
    for m in _RANK.finditer(fold):
        value = to_int(m.group("num"))
        if not value:
            continue
        verb = m.start("verb") if m.group("verb") else m.start("won")
        start = m.start("num") - 1  # the 第
        out.append(Figure(start, m.end(), float(value), m.group("unit") or "名", "rank", None, verb))
    return out
