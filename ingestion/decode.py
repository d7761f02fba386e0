"""Bytes on disk to report text: encoding detection, HTML and .docx to plain text.

Government sites publish the same report as UTF-8 (with or without BOM), GBK/GB18030,
UTF-16 or an HTML page; anything that cannot become text raises a typed ReportError so
the pipeline can quarantine it with a stable reason.
"""
from __future__ import annotations

import codecs
import re
import zipfile
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path
from xml.etree import ElementTree

from charset_normalizer import from_bytes

from ingestion.errors import (
    BinaryFileError,
    EmptyFileError,
    EncodingError,
    FileTooLargeError,
    UnsupportedFormatError,
)

MAX_BYTES = 20 * 1024 * 1024  # far above any real report; guards against dumps and archives

TEXT_SUFFIXES = frozenset({".txt", ".text", ""})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
DOCX_SUFFIXES = frozenset({".docx"})

# Magic numbers of formats that are sometimes saved under a .txt name.
_BINARY_MAGIC = (
    b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"GIF8", b"\xff\xd8\xff",
    b"\x1f\x8b", b"Rar!", b"7z\xbc\xaf", b"BM",
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_WHITESPACE_BYTES = b" \t\r\n\x0b\x0c"
# C0 controls other than tab/newline/CR/FF; a real text has almost none.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def read_report_file(path: Path) -> tuple[str, str]:
    """The text of one report file and the encoding it was read with."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES | DOCX_SUFFIXES:
        raise UnsupportedFormatError(
            f"{suffix} files are not handled yet (only .txt, .html/.htm and .docx); convert to text first"
        )
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise FileTooLargeError(f"{size} bytes is over the {MAX_BYTES} byte limit")
    data = path.read_bytes()
    if suffix in DOCX_SUFFIXES:
        return docx_to_text(data), "docx"
    text, encoding = decode_bytes(data)
    if suffix in HTML_SUFFIXES or _looks_like_html(text):
        text = html_to_text(text)
        if not text.strip():
            raise EmptyFileError("the HTML page holds no text")
    return text, encoding


def _looks_like_html(text: str) -> bool:
    """Scraped pages are sometimes saved as .txt with their markup."""
    head = text[:2000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or (head.startswith("<") and "<body" in head)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode report bytes; returns (text, encoding name) with any BOM removed."""
    if len(data) > MAX_BYTES:
        raise FileTooLargeError(f"{len(data)} bytes is over the {MAX_BYTES} byte limit")
    if not data.strip(_WHITESPACE_BYTES):
        raise EmptyFileError("the file is empty")
    text, encoding = _decode(data)
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise EmptyFileError("the file holds only whitespace")
    if _CONTROL.search(text) and len(_CONTROL.findall(text)) > max(2, len(text) // 1000):
        raise BinaryFileError("the decoded text is full of control characters")
    return text, encoding


def _decode(data: bytes) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding)
    utf16 = _guess_utf16(data)
    if utf16:
        return _strict(data, utf16)
    if data.startswith(_BINARY_MAGIC) or b"\x00" in data:
        raise BinaryFileError("the file is binary, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _detect(data)


def _strict(data: bytes, encoding: str) -> tuple[str, str]:
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as exc:
        raise EncodingError(f"not valid {encoding}: {exc}") from exc


def _guess_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM: ASCII characters leave NULs in every other byte, which is how
    NULs get into a text file at all; the byte order that reads as plausible text wins."""
    if b"\x00" not in data or len(data) % 2:
        return None
    sample = data[:8192]
    best, best_share = None, 0.0
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        share = sum(_plausible(ch) for ch in text) / max(1, len(text))
        if share > best_share:
            best, best_share = encoding, share
    return best if best_share >= 0.9 else None


def _plausible(ch: str) -> bool:
    code = ord(ch)
    return (
        0x20 <= code < 0x7F or ch in "\t\r\n" or 0x4E00 <= code <= 0x9FFF
        or 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF or 0x2010 <= code <= 0x2027
    )


def _detect(data: bytes) -> tuple[str, str]:
    best = from_bytes(data).best()
    if best is None or not best.encoding:
        raise EncodingError("no text encoding fits the bytes")
    encoding = best.encoding.lower().replace("_", "-")
    if encoding.startswith("gb") or encoding in {"cp936", "hz"}:
        encoding = "gb18030"  # the superset: GBK-detected files often hold GB18030-only characters
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError) as exc:
        raise EncodingError(f"not valid {encoding}: {exc}") from exc


# ---- HTML ------------------------------------------------------------------------------

_BLOCK_TAGS = frozenset({
    "p", "div", "br", "li", "ul", "ol", "tr", "table", "section", "article", "header", "footer",
    "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr", "dd", "dt", "dl", "nav",
    "aside", "main", "form", "center", "title", "caption", "figcaption",
})
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "head", "svg", "iframe"})


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")
        elif tag in {"td", "th"}:
            self.parts.append(" ")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            # Source line breaks inside a paragraph are layout, not structure.
            self.parts.append(data.replace("\r", "").replace("\n", ""))


def html_to_text(html: str) -> str:
    """Visible text of an HTML page, one block element per line."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    lines = (line.strip() for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


# ---- .docx -----------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_to_text(data: bytes) -> str:
    """Paragraph texts of a .docx (a zip of WordprocessingML), one per line."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            xml = archive.read("word/document.xml")
    except (zipfile.BadZipFile, KeyError) as exc:
        raise UnsupportedFormatError(f"not a readable .docx: {exc}") from exc
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as exc:
        raise EncodingError(f"broken document.xml: {exc}") from exc
    lines = []
    for para in root.iter(f"{_W}p"):
        pieces = []
        for node in para.iter():
            if node.tag == f"{_W}t" and node.text:
                pieces.append(node.text)
            elif node.tag == f"{_W}tab":
                pieces.append("\t")
        line = "".join(pieces).strip()
        if line:
            lines.append(line)
    text = "\n".join(lines)
    if not text:
        raise EmptyFileError("the .docx holds no text")
    return text
