"""Text files: encoding detection (BOMs, UTF-16 without BOM, UTF-8, charset-normalizer).

Government sites publish the same report as UTF-8 (with or without BOM), GBK/GB18030 or
UTF-16; bytes that cannot become text raise a typed ReportError.
"""
from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from ingestion.errors import BinaryFileError, EmptyFileError, EncodingError
from ingestion.readers.sniff import has_binary_magic

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
WHITESPACE_BYTES = b" \t\r\n\x0b\x0c"
# C0 controls other than tab/newline/CR/FF; a real text has almost none.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode report bytes; returns (text, encoding name) with any BOM removed."""
    if not data.strip(WHITESPACE_BYTES):
        raise EmptyFileError("the file is empty")
    text, encoding = _decode(data)
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise EmptyFileError("the file holds only whitespace")
    if _CONTROL.search(text) and len(_CONTROL.findall(text)) > max(2, len(text) // 1000):
        raise BinaryFileError("the decoded text is full of control characters")
    return text, encoding


def looks_like_html(text: str) -> bool:
    """Scraped pages are sometimes saved as .txt with their markup."""
    head = text[:2000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or (head.startswith("<") and "<body" in head)


def _decode(data: bytes) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding)
    utf16 = _guess_utf16(data)
    if utf16:
        return _strict(data, utf16)
    if has_binary_magic(data) or b"\x00" in data:
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
