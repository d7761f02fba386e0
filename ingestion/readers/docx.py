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
from io import BytesIO
from xml.etree import ElementTree

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as defused

from ingestion.errors import (
    ArchiveTooLargeError,
    CorruptFileError,
    EmptyFileError,
    NestingTooDeepError,
    UnsupportedFormatError,
)
from ingestion.readers.docx_numbering import Numbering, w_val

# Zip-bomb limits, checked on the zip directory before inflating anything. A long report's
# document.xml is a few MB and deflates about 5-20x.
MAX_PART_BYTES = 64 * 1024 * 1024  # inflated size of one XML part we read
MAX_TOTAL_BYTES = 512 * 1024 * 1024  # inflated size of all entries together
MAX_RATIO = 200  # inflated / compressed, for entries over RATIO_FLOOR_BYTES
RATIO_FLOOR_BYTES = 1024 * 1024
MAX_ENTRIES = 10_000
# Tables nested in table cells: Word documents nest a few deep; hundreds is a made-up file.
MAX_TABLE_DEPTH = 32
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
    # Word never writes a DTD: defusedxml refuses any, wherever it sits in the part, which rules out
    # entity expansion (billion laughs) and external entities (XXE) alike.
    try:
        return defused.fromstring(xml, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise CorruptFileError(f"{name} declares a DTD or entities ({exc.__class__.__name__}), which Word never writes"
                               ) from exc
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
    """Each row one line of its cells' own text; a table nested in a cell follows the row that
    holds it. Every cell is read once, whatever the depth: reading a cell with all its descendants
    repeated each nested cell's text for every ancestor row (a 3 KB file nesting tables 10,000 deep
    gave 200 million characters). Iterative, so no depth reaches Python's recursion limit."""
    rows = [(iter(table.findall(f"{{{w}}}tr")), 1)]  # each table's rows still to read, and its depth
    while rows:
        row = next(rows[-1][0], None)
        depth = rows[-1][1]
        if row is None:
            rows.pop()
            continue
        cells, nested = [], []
        for cell in row.findall(f"{{{w}}}tc"):
            text, inner = _cell_text(cell, w)
            cells.append(" ".join(text.split()))
            nested.extend(inner)
        if any(cells):
            yield CELL_SEPARATOR.join(cells)
        if nested and depth >= MAX_TABLE_DEPTH:
            raise NestingTooDeepError(f"tables nested more than {MAX_TABLE_DEPTH} deep in one another")
        rows.extend((iter(t.findall(f"{{{w}}}tr")), depth + 1) for t in reversed(nested))


def _cell_text(cell: ElementTree.Element, w: str) -> tuple[str, list[ElementTree.Element]]:
    """A cell's own paragraphs (content controls included) and the tables nested in it, unread."""
    pieces, nested = [], []
    pending = list(reversed(list(cell)))
    while pending:
        node = pending.pop()
        if node.tag == f"{{{w}}}p":
            pieces.append(_paragraph_text(node, w))
        elif node.tag == f"{{{w}}}tbl":
            nested.append(node)
        else:
            pending.extend(reversed(list(node)))
    return "".join(pieces), nested


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
        own_id, own_level = w_val(numpr.find(f"{{{w}}}numId"), w), w_val(numpr.find(f"{{{w}}}ilvl"), w)
        num_id = own_id if own_id is not None else num_id
        level = int(own_level) if own_level is not None and own_level.isdigit() else level
    return ("" if num_id in (None, "0") else num_id), level


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
            level = w_val(numpr.find(f"{{{w}}}ilvl"), w)
            own[sid] = (w_val(numpr.find(f"{{{w}}}numId"), w), int(level) if level and level.isdigit() else None)
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
