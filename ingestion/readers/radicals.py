"""Radical and compatibility code points back to the ideographs they stand for.

PDFs printed from browsers and office suites with common CJK fonts map many ordinary
characters to radical code points in their ToUnicode tables (⼈ U+2F08 for 人, ⺠ U+2EA0
for 民, ⾏ U+2F8F for 行), so 人民 extracts as ⼈⺠ and matches nothing. NFKC maps the
Kangxi Radicals block and the CJK Compatibility Ideographs, but the CJK Radicals
Supplement has no decomposition. The table below maps each radical to the ideograph whose
glyph it shares in simplified-Chinese fonts (checked against the cmaps of Noto Sans and
Serif CJK SC, where 294 radicals share a glyph with an ideograph): that is the character
the PDF's author typed. One Kangxi radical differs from NFKC there: ⼾ is drawn as 户, and
NFKC gives the traditional 戶. Component-only forms (⺀) are left as they are. Only these
blocks are touched, one character for one character, so offsets do not move.
"""
from __future__ import annotations

import re
import unicodedata

# CJK Radicals Supplement (U+2E80–U+2EFF) → unified ideograph.
SUPPLEMENT: dict[str, str] = {
    "⺁": "厂", "⺂": "乛", "⺃": "乚", "⺄": "乙", "⺇": "𠘨", "⺅": "亻", "⺆": "冂", "⺉": "刂", "⺊": "卜",
    "⺋": "㔾", "⺌": "小", "⺍": "𭕄", "⺎": "兀", "⺏": "尣", "⺐": "尢", "⺒": "巳", "⺓": "幺", "⺔": "彑",
    "⺕": "彐", "⺖": "忄", "⺗": "㣺", "⺘": "扌", "⺙": "攵", "⺛": "旡", "⺜": "日", "⺝": "月", "⺞": "歺",
    "⺟": "母", "⺠": "民", "⺡": "氵", "⺢": "氺", "⺣": "灬", "⺤": "爫", "⺥": "爫", "⺦": "丬", "⺨": "犭",
    "⺩": "𤣩", "⺫": "罒", "⺬": "示", "⺭": "礻", "⺮": "𥫗", "⺯": "糹", "⺰": "纟", "⺱": "罓", "⺲": "罒",
    "⺳": "㓁", "⺶": "羊", "⺷": "羊", "⺹": "耂", "⺺": "肀", "⺻": "聿", "⺼": "月", "⺽": "𦥑", "⺾": "艹",
    "⺿": "艹", "⻀": "艹", "⻁": "虎", "⻂": "衤", "⻃": "覀", "⻄": "西", "⻅": "见", "⻆": "角", "⻇": "𧢲",
    "⻈": "讠", "⻉": "贝", "⻊": "𧾷", "⻋": "车", "⻌": "辶", "⻍": "辶", "⻎": "辶", "⻏": "阝", "⻐": "钅",
    "⻑": "長", "⻒": "镸", "⻓": "长", "⻔": "门", "⻕": "𨸏", "⻖": "阝", "⻗": "雨", "⻘": "青", "⻙": "韦",
    "⻚": "页", "⻛": "风", "⻜": "飞", "⻝": "食", "⻞": "𩙿", "⻟": "飠", "⻠": "饣", "⻡": "𩠐", "⻢": "马",
    "⻣": "骨", "⻤": "鬼", "⻥": "鱼", "⻦": "鸟", "⻧": "卤", "⻨": "麦", "⻩": "黄", "⻪": "黾", "⻫": "斉",
    "⻬": "齐", "⻭": "歯", "⻮": "齿", "⻯": "竜", "⻰": "龙", "⻱": "龜", "⻲": "亀", "⻳": "龟",
}

# Kangxi radicals whose simplified-Chinese glyph is not their NFKC form.
KANGXI_OVERRIDES: dict[str, str] = {"⼾": "户"}

# Blocks whose NFKC form is a single unified ideograph.
_NFKC_RANGES = (
    (0x2F00, 0x2FD5),  # Kangxi Radicals
    (0xF900, 0xFAD9),  # CJK Compatibility Ideographs
    (0x2F800, 0x2FA1D),  # CJK Compatibility Ideographs Supplement
)


def _table() -> dict[int, str]:
    table = {ord(radical): ideograph for radical, ideograph in SUPPLEMENT.items()}
    for low, high in _NFKC_RANGES:
        for code in range(low, high + 1):
            folded = unicodedata.normalize("NFKC", chr(code))
            if folded != chr(code) and len(folded) == 1:
                table[code] = folded
    table.update({ord(radical): ideograph for radical, ideograph in KANGXI_OVERRIDES.items()})
    return table


_TABLE = _table()
_IDEOGRAPH_OF = {chr(code): ideograph for code, ideograph in _TABLE.items()}
# str.translate looks every character up in the table one by one (0.35 ms a report); the
# regex engine skips, in C, the text with no radical in it, which is nearly all of it.
_RADICAL = re.compile("[\u2e80-\u2eff" + "".join(f"{chr(low)}-{chr(high)}" for low, high in _NFKC_RANGES) + "]")


def _ideograph(m: re.Match[str]) -> str:
    return _IDEOGRAPH_OF.get(m.group(), m.group())


def normalize_radicals(text: str) -> str:
    """Radical and compatibility code points replaced by their ideographs, 1:1."""
    return _RADICAL.sub(_ideograph, text)


# Code points that CJK fonts' ToUnicode tables give for ordinary characters of simplified
# Chinese text, beyond the radical blocks (measured on PDFs printed by Chromium with Noto
# CJK, and on glyphs Noto Sans CJK shares between two code points). PDF text only: in a
# typed text file 戶 or ― is what the author wrote.
PDF_GLYPH_ALIASES: dict[str, str] = {
    "―": "—",  # U+2015 HORIZONTAL BAR for the em dash of —— and 2021—2025
    "㬵": "胶",  # one glyph for U+3B35 and 胶 in Noto Sans CJK
}
_PDF_TABLE = str.maketrans(PDF_GLYPH_ALIASES)


def normalize_pdf_glyphs(text: str) -> str:
    """PDF-extracted text with font-alias code points replaced, 1:1."""
    return text.translate(_PDF_TABLE)
