"""Word .docx to report text: paragraphs, tables and Word's automatic numbering.

Read with zipfile and ElementTree rather than python-docx or docx2python, measured on
generated reports: neither renders Word's list numbering the way reports use it (python-docx
has no numbering at all; docx2python renders `chineseCounting` as `--` and ignores numbering
that comes through a paragraph style), so 一、/（一） headings, whose numbers live only in
numbering.xml, lost the outline. Owning the zip access also lets the archive be measured
from its directory before anything is inflated (zip bombs).

- paragraphs: one line each, manual line breaks kept;
- tables: each row one line, its cells joined by CELL_SEPARATOR (reports put figures in tables);
- numbering: w:numPr on the paragraph or its style chain, counters per list, rendered
  through the level's w:lvlText and w:numFmt (chineseCounting, decimal, …).
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from xml.etree import ElementTree

from ingestion.errors import (
    ArchiveTooLargeError,
    CorruptFileError,
    EmptyFileError,
    UnsupportedFormatError,
)

# Zip-bomb limits, checked on the zip directory before inflating anything. A long report's
# document.xml is a few MB and deflates about 5-20x.
MAX_PART_BYTES = 64 * 1024 * 1024  # inflated size of one XML part we read
MAX_TOTAL_BYTES = 512 * 1024 * 1024  # inflated size of all entries together
MAX_RATIO = 200  # inflated / compressed, for entries over RATIO_FLOOR_BYTES
RATIO_FLOOR_BYTES = 1024 * 1024
MAX_ENTRIES = 10_000

CELL_SEPARATOR = "\t"
MAIN_PART = "word/document.xml"
_W_TRANSITIONAL = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

_OTHER_ZIPS = (
    ("xl/", "an Excel workbook; put the report's text in a .docx or PDF"),
    ("ppt/", "a PowerPoint presentation; save the report as .docx or PDF"),
)


def docx_to_text(data: bytes) -> str:
    """The text of a .docx, one paragraph or table row per line."""
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, OSError) as exc:
        raise CorruptFileError(f"not a readable .docx (zip): {exc}") from exc
    with archive:
        check_archive(archive)
        names = set(archive.namelist())
        if MAIN_PART not in names:
            raise UnsupportedFormatError(_not_word(names))
        root = _parse(read_part(archive, MAIN_PART), MAIN_PART)
        w = _namespace(root)
        numbering = Numbering.from_xml(_optional_part(archive, "word/numbering.xml", names), w)
        styles = style_numbering(_optional_part(archive, "word/styles.xml", names), w)
    body = root.find(f"{{{w}}}body")
    lines = list(_block_lines(body if body is not None else root, w, numbering, styles))
    text = "\n".join(line for line in (ln.strip() for ln in lines) if line)
    if not text:
        raise EmptyFileError("the .docx holds no text")
    return text


# ---- the archive -------------------------------------------------------------------------

def check_archive(archive: zipfile.ZipFile) -> None:
    """Refuse a zip whose directory promises too much inflated data, before inflating."""
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES:
        raise ArchiveTooLargeError(f"{len(entries)} entries in the archive (limit {MAX_ENTRIES})")
    total = 0
    for info in entries:
        total += info.file_size
        if info.filename.endswith(".xml") and info.file_size > MAX_PART_BYTES:
            raise ArchiveTooLargeError(
                f"{info.filename} inflates to {info.file_size} bytes (limit {MAX_PART_BYTES})")
        if info.file_size > RATIO_FLOOR_BYTES and info.file_size > MAX_RATIO * max(1, info.compress_size):
            raise ArchiveTooLargeError(
                f"{info.filename} inflates {info.file_size // max(1, info.compress_size)}x "
                f"(limit {MAX_RATIO}x): a zip bomb")
    if total > MAX_TOTAL_BYTES:
        raise ArchiveTooLargeError(f"the archive inflates to {total} bytes (limit {MAX_TOTAL_BYTES})")


def read_part(archive: zipfile.ZipFile, name: str) -> bytes:
    """One entry, read no further than the limit even if its directory entry lies."""
    try:
        with archive.open(name) as fh:
            data = fh.read(MAX_PART_BYTES + 1)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as exc:
        raise CorruptFileError(f"{name} cannot be inflated: {exc}") from exc
    if len(data) > MAX_PART_BYTES:
        raise ArchiveTooLargeError(f"{name} inflates past {MAX_PART_BYTES} bytes")
    return data


def _optional_part(archive: zipfile.ZipFile, name: str, names: set[str]) -> ElementTree.Element | None:
    return _parse(read_part(archive, name), name) if name in names else None


def _parse(xml: bytes, name: str) -> ElementTree.Element:
    # Word never writes a DTD; refusing one rules out entity-expansion tricks.
    if b"<!DOCTYPE" in xml[:4096] or b"<!ENTITY" in xml[:4096]:
        raise CorruptFileError(f"{name} declares a DTD, which Word never writes")
    try:
        return ElementTree.fromstring(xml)
    except ElementTree.ParseError as exc:
        raise CorruptFileError(f"broken {name}: {exc}") from exc


def _namespace(root: ElementTree.Element) -> str:
    match = re.match(r"\{([^}]+)\}", root.tag)
    return match.group(1) if match else _W_TRANSITIONAL


def _not_word(names: set[str]) -> str:
    for prefix, what in _OTHER_ZIPS:
        if any(name.startswith(prefix) for name in names):
            return f"a zip holding {what}"
    if "mimetype" in names or "content.xml" in names:
        return "an OpenDocument (.odt/WPS) file; save it as .docx or PDF"
    return "a zip archive, not a Word document; unpack it and add the report file itself"


# ---- the body ----------------------------------------------------------------------------

def _block_lines(parent: ElementTree.Element, w: str, numbering: Numbering, styles: dict[str, tuple[str, int]]):
    for child in parent:
        tag = child.tag
        if tag == f"{{{w}}}p":
            number = numbering.render(*_num_pr(child, w, styles))
            yield from _with_number(number, _paragraph_text(child, w))
        elif tag == f"{{{w}}}tbl":
            yield from _table_lines(child, w)
        elif tag in (f"{{{w}}}sdt", f"{{{w}}}sdtContent", f"{{{w}}}customXml"):
            yield from _block_lines(child, w, numbering, styles)


def _with_number(number: str, text: str):
    lines = text.split("\n")
    if number and lines[0].strip():
        lines[0] = number + lines[0].lstrip()
    return lines


def _paragraph_text(para: ElementTree.Element, w: str) -> str:
    pieces = []
    for node in para.iter():
        tag = node.tag
        if tag == f"{{{w}}}t" and node.text:
            pieces.append(node.text)
        elif tag == f"{{{w}}}tab":
            pieces.append("\t")
        elif tag in (f"{{{w}}}br", f"{{{w}}}cr"):
            pieces.append("\n")
        elif tag == f"{{{w}}}noBreakHyphen":
            pieces.append("-")
    return "".join(pieces)


def _table_lines(table: ElementTree.Element, w: str):
    for row in table.iter(f"{{{w}}}tr"):
        cells = []
        for cell in row.findall(f"{{{w}}}tc"):
            text = "".join(_paragraph_text(p, w) for p in cell.iter(f"{{{w}}}p"))
            cells.append(" ".join(text.split()))
        if any(cells):
            yield CELL_SEPARATOR.join(cells)


def _num_pr(para: ElementTree.Element, w: str, styles: dict[str, tuple[str, int]]) -> tuple[str, int]:
    """(numId, level) of a paragraph: its own w:numPr, else its style's; ("", 0) if none."""
    ppr = para.find(f"{{{w}}}pPr")
    if ppr is None:
        return "", 0
    style = ppr.find(f"{{{w}}}pStyle")
    inherited = styles.get(style.get(f"{{{w}}}val", "")) if style is not None else None
    num_id, level = inherited or ("", 0)
    numpr = ppr.find(f"{{{w}}}numPr")
    if numpr is not None:
        own_id, own_level = _val(numpr.find(f"{{{w}}}numId"), w), _val(numpr.find(f"{{{w}}}ilvl"), w)
        num_id = own_id if own_id is not None else num_id
        level = int(own_level) if own_level is not None and own_level.isdigit() else level
    return ("" if num_id in (None, "0") else num_id), level


def _val(node: ElementTree.Element | None, w: str) -> str | None:
    return None if node is None else node.get(f"{{{w}}}val")


def style_numbering(root: ElementTree.Element | None, w: str) -> dict[str, tuple[str, int]]:
    """styleId → (numId, level) for paragraph styles that number (following w:basedOn)."""
    if root is None:
        return {}
    own: dict[str, tuple[str | None, int | None]] = {}
    based: dict[str, str] = {}
    for style in root.iter(f"{{{w}}}style"):
        sid = style.get(f"{{{w}}}styleId", "")
        parent = style.find(f"{{{w}}}basedOn")
        if parent is not None:
            based[sid] = parent.get(f"{{{w}}}val", "")
        numpr = style.find(f"{{{w}}}pPr/{{{w}}}numPr")
        if numpr is not None:
            level = _val(numpr.find(f"{{{w}}}ilvl"), w)
            own[sid] = (_val(numpr.find(f"{{{w}}}numId"), w), int(level) if level and level.isdigit() else None)
    resolved = {}
    for sid in set(own) | set(based):
        num_id, level, seen, current = None, None, set(), sid
        while current and current not in seen:
            seen.add(current)
            cid, clevel = own.get(current, (None, None))
            num_id = num_id if num_id is not None else cid
            level = level if level is not None else clevel
            current = based.get(current, "")
        if num_id and num_id != "0":
            resolved[sid] = (num_id, level or 0)
    return resolved


# ---- numbering ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    suffix: str = "tab"
    restart: int | None = None  # w:lvlRestart: restart after this 1-based level is used; 0 never


@dataclass
class Numbering:
    """numbering.xml: list definitions, and the counters of a walk through the document."""

    levels: dict[str, dict[int, Level]] = field(default_factory=dict)  # abstractNumId → levels
    nums: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)  # numId → (abstract, start overrides)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def from_xml(cls, root: ElementTree.Element | None, w: str) -> Numbering:
        numbering = cls()
        if root is None:
            return numbering
        for abstract in root.iter(f"{{{w}}}abstractNum"):
            levels = {}
            for lvl in abstract.findall(f"{{{w}}}lvl"):
                levels[int(lvl.get(f"{{{w}}}ilvl", "0"))] = _level(lvl, w)
            numbering.levels[abstract.get(f"{{{w}}}abstractNumId", "")] = levels
        for num in root.iter(f"{{{w}}}num"):
            overrides = {}
            for override in num.findall(f"{{{w}}}lvlOverride"):
                start = _val(override.find(f"{{{w}}}startOverride"), w)
                if start and start.lstrip("-").isdigit():
                    overrides[int(override.get(f"{{{w}}}ilvl", "0"))] = int(start)
            abstract_id = _val(num.find(f"{{{w}}}abstractNumId"), w) or ""
            numbering.nums[num.get(f"{{{w}}}numId", "")] = (abstract_id, overrides)
        return numbering

    def render(self, num_id: str, level: int) -> str:
        """The number Word shows before this paragraph ("" if none), advancing the counters."""
        if not num_id or num_id not in self.nums:
            return ""
        abstract_id, overrides = self.nums[num_id]
        levels = self.levels.get(abstract_id, {})
        if level not in levels:
            return ""
        # Lists sharing a definition continue one another; a list that restarts its
        # numbering (startOverride) counts on its own.
        key = f"num:{num_id}" if overrides else f"abstract:{abstract_id}"
        counters = self.counters.setdefault(key, {})
        start = overrides.get(level, levels[level].start)
        counters[level] = counters[level] + 1 if level in counters else start
        for deeper in [d for d in counters if d > level and _restarts(levels.get(d, Level()), level)]:
            del counters[deeper]
        spec = levels[level]
        if spec.fmt in ("bullet", "none"):
            return ""

        def number(match: re.Match) -> str:
            ref = int(match.group(1)) - 1
            ref_level = levels.get(ref, Level())
            value = counters.get(ref, overrides.get(ref, ref_level.start))
            return format_number(value, ref_level.fmt)

        rendered = re.sub(r"%([1-9])", number, spec.text)
        if not rendered or spec.suffix == "nothing" or rendered[-1] in "、.．)）:：":
            return rendered
        return rendered + " "


def _restarts(deeper: Level, used: int) -> bool:
    """Whether a deeper level starts again when level `used` (0-based) gets a number."""
    if deeper.restart is None:
        return True
    return deeper.restart != 0 and used <= deeper.restart - 1


def _level(lvl: ElementTree.Element, w: str) -> Level:
    start = _val(lvl.find(f"{{{w}}}start"), w)
    restart = _val(lvl.find(f"{{{w}}}lvlRestart"), w)
    return Level(
        restart=int(restart) if restart and restart.isdigit() else None,
        start=int(start) if start and start.lstrip("-").isdigit() else 1,
        fmt=_val(lvl.find(f"{{{w}}}numFmt"), w) or "decimal",
        text=_val(lvl.find(f"{{{w}}}lvlText"), w) or "",
        suffix=_val(lvl.find(f"{{{w}}}suff"), w) or "tab",
    )


_CN_DIGITS = "零一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"


def format_number(n: int, fmt: str) -> str:
    """A list counter in one of Word's w:numFmt styles."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "koreanCounting", "japaneseLegal", "taiwaneseCountingThousand"):
        return chinese_counting(n)
    if fmt == "chineseLegalSimplified":
        return chinese_counting(n, _CN_LEGAL, "拾佰仟")
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
    if fmt in ("ideographTraditional",) and 1 <= n <= 10:
        return _TIANGAN[n - 1]
    if fmt in ("ideographZodiac",) and 1 <= n <= 12:
        return _DIZHI[n - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalEnclosedParen" and 1 <= n <= 20:
        return chr(0x2474 + n - 1)
    if fmt == "decimalEnclosedFullstop" and 1 <= n <= 20:
        return chr(0x2488 + n - 1)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("upperLetter", "lowerLetter"):
        letters = _letters(n)
        return letters if fmt == "upperLetter" else letters.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    return str(n)


def chinese_counting(n: int, digits: str = _CN_DIGITS, units: str = "十百千") -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 105 → 一百零五 (up to 9999)."""
    if n <= 0 or n > 9999:
        return str(n)
    out, zero = "", False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        digit = n // power % 10
        if digit:
            if zero and out:
                out += digits[0]
            out += ("" if (power == 10 and digit == 1 and not out and digits is _CN_DIGITS) else digits[digit]) + unit
            zero = False
        elif out:
            zero = True
    return out


def _letters(n: int) -> str:
    # Word repeats the letter: 27 → AA, 28 → BB.
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def _roman(n: int) -> str:
    if n <= 0:
        return str(n)
    out = ""
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += numeral
            n -= value
    return out
